/**
 * SMART App Launch resource scopes, v1 and v2, as the sandbox's authorization server grants them and its
 * FHIR API enforces them. https://build.fhir.org/ig/HL7/smart-app-launch/scopes-and-launch-context.html
 */

export type ScopeContext = 'patient' | 'user' | 'system';
export type ScopeAction = 'c' | 'r' | 'u' | 'd' | 's';

export interface ResourceScope {
  readonly context: ScopeContext;
  /** A FHIR resource type, or '*' for all. */
  readonly resourceType: string;
  readonly actions: ReadonlySet<ScopeAction>;
  readonly version: 1 | 2;
  /**
   * A v2 granular query (`category=laboratory` in `patient/Observation.rs?category=laboratory`). The
   * authorization server refuses such scopes, and `allows` never lets one grant anything, so a query
   * can never be read as "unrestricted".
   */
  readonly query?: string;
}

/** Which resource scopes an authorization server grants: SMART syntax versions, and wildcards or not. */
export interface ScopeRules {
  readonly versions: readonly (1 | 2)[];
  /** `patient/*.read` and the like. */
  readonly wildcards: boolean;
}

/** Why the rules refuse a resource scope, or undefined when they allow it. */
export function scopeRuleViolation(
  scope: ResourceScope,
  text: string,
  rules: ScopeRules,
): string | undefined {
  if (!rules.versions.includes(scope.version)) {
    return `Scope "${text}" is SMART v${String(scope.version)} syntax; this EHR grants v${rules.versions.join(' or v')} scopes only (e.g. ${scope.context}/${scope.resourceType}.read).`;
  }
  if (!rules.wildcards && scope.resourceType === '*') {
    return `Scope "${text}" is a wildcard; this EHR grants only scopes that name each resource type.`;
  }
  return undefined;
}

const V2_ORDER = 'cruds';
const V1_ACTIONS: Record<string, readonly ScopeAction[]> = {
  read: ['r', 's'],
  write: ['c', 'u', 'd'],
  '*': ['c', 'r', 'u', 'd', 's'],
};

const RESOURCE_SCOPE = /^(patient|user|system)\/(\*|[A-Z][A-Za-z]+)\.([a-z*]+)(\?.*)?$/;

/** Parses one resource scope, or returns undefined for launch/openid/etc. and malformed scopes. */
export function parseResourceScope(scope: string): ResourceScope | undefined {
  const match = RESOURCE_SCOPE.exec(scope);
  if (!match) {
    return undefined;
  }
  const [, context, resourceType, permissions, query] = match;
  if (!context || !resourceType || !permissions) {
    return undefined;
  }
  const v1 = V1_ACTIONS[permissions];
  if (v1) {
    return {
      context: context as ScopeContext,
      resourceType,
      actions: new Set(v1),
      version: 1,
      ...(query ? { query: query.slice(1) } : {}),
    };
  }
  // v2 permissions are a non-empty subset of "cruds" written in that order.
  let position = -1;
  for (const letter of permissions) {
    const next = V2_ORDER.indexOf(letter);
    if (next <= position) {
      return undefined;
    }
    position = next;
  }
  return {
    context: context as ScopeContext,
    resourceType,
    actions: new Set(permissions.split('') as ScopeAction[]),
    version: 2,
    ...(query ? { query: query.slice(1) } : {}),
  };
}

/** True when the scope is one the sandbox understands: a resource scope or a launch/identity scope. */
export function isKnownScope(scope: string): boolean {
  return NON_RESOURCE_SCOPES.has(scope) || parseResourceScope(scope) !== undefined;
}

export const NON_RESOURCE_SCOPES: ReadonlySet<string> = new Set([
  'openid',
  'fhirUser',
  'profile',
  'launch',
  'launch/patient',
  'launch/encounter',
  'offline_access',
  'online_access',
]);

export function parseScopes(scope: string): ResourceScope[] {
  return scope
    .split(/\s+/)
    .map(parseResourceScope)
    .filter((parsed): parsed is ResourceScope => parsed !== undefined);
}

/** Whether any granted scope allows the action on the resource type in the given context. */
export function allows(
  granted: readonly ResourceScope[],
  resourceType: string,
  action: ScopeAction,
  contexts: readonly ScopeContext[] = ['patient', 'user', 'system'],
): boolean {
  return granted.some(
    (scope) =>
      scope.query === undefined &&
      contexts.includes(scope.context) &&
      (scope.resourceType === '*' || scope.resourceType === resourceType) &&
      scope.actions.has(action),
  );
}
