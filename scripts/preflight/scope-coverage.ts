/**
 * Whether a server's `scopes_supported` covers a scope the app asks for. Servers often list wildcards
 * (`patient/*.cruds`) rather than every type, and v1 names (`.read`) rather than v2 letters, so an exact
 * string match would report scopes missing that the server grants.
 * https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html
 */

interface ResourceScope {
  readonly context: string;
  readonly resourceType: string;
  readonly permissions: ReadonlySet<string>;
}

const V1_PERMISSIONS: Readonly<Record<string, string>> = { read: 'rs', write: 'cud', '*': 'cruds' };
const RESOURCE_SCOPE = /^(patient|user|system)\/([A-Za-z]+|\*)\.([a-z*]+)$/;

function parseResourceScope(scope: string): ResourceScope | undefined {
  const match = RESOURCE_SCOPE.exec(scope);
  if (!match?.[1] || !match[2] || !match[3]) {
    return undefined;
  }
  const letters = V1_PERMISSIONS[match[3]] ?? (/^c?r?u?d?s?$/.test(match[3]) ? match[3] : undefined);
  if (letters === undefined) {
    return undefined;
  }
  return { context: match[1], resourceType: match[2], permissions: new Set(letters) };
}

export function scopeCovers(supported: string, wanted: string): boolean {
  if (supported === wanted) {
    return true;
  }
  const offer = parseResourceScope(supported);
  const need = parseResourceScope(wanted);
  if (!offer || !need || offer.context !== need.context) {
    return false;
  }
  if (offer.resourceType !== '*' && offer.resourceType !== need.resourceType) {
    return false;
  }
  return [...need.permissions].every((letter) => offer.permissions.has(letter));
}

export function uncoveredScopes(supported: readonly string[], wanted: readonly string[]): string[] {
  return wanted.filter((scope) => !supported.some((offer) => scopeCovers(offer, scope)));
}
