/**
 * The runtime configuration IT deploys next to the static files (`peerbridge.config.json`): which EHR
 * issuers may launch PeerBridge, and the client id each one registered it under. Changed without a
 * rebuild; validated on every launch so that a typo is named, not guessed at.
 */

export interface IssuerConfig {
  /** The FHIR base URL the EHR sends as `iss`. */
  readonly iss: string;
  readonly clientId: string;
  /** Overrides the scopes PeerBridge asks for (space separated). */
  readonly scope?: string;
  /** Overrides the redirect URI (default: the app page next to the launch page). */
  readonly redirectUri?: string;
  /** A name for people, e.g. "Epic production". */
  readonly label?: string;
}

export interface RuntimeConfig {
  readonly issuers: readonly IssuerConfig[];
}

export class RuntimeConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuntimeConfigError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(entry: Record<string, unknown>, key: string, path: string): string | undefined {
  const value = entry[key];
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string' || value.trim() === '') {
    throw new RuntimeConfigError(`${path}.${key} must be a non-empty string when present.`);
  }
  return value;
}

function requiredUrl(entry: Record<string, unknown>, key: string, path: string): string {
  const value = entry[key];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new RuntimeConfigError(`${path}.${key} is missing: it must be an absolute https URL.`);
  }
  assertUrl(value, `${path}.${key}`);
  return value;
}

function assertUrl(value: string, path: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new RuntimeConfigError(`${path} is not a URL: "${value}".`);
  }
  const isLoopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback)) {
    throw new RuntimeConfigError(
      `${path} must use https (plain http is allowed only on localhost): "${value}".`,
    );
  }
}

const KNOWN_ISSUER_KEYS = new Set(['iss', 'clientId', 'scope', 'redirectUri', 'label']);

/** Validates the parsed JSON; throws a RuntimeConfigError naming the bad key. */
export function parseRuntimeConfig(json: unknown): RuntimeConfig {
  if (!isRecord(json)) {
    throw new RuntimeConfigError('The configuration must be a JSON object with an "issuers" list.');
  }
  const issuers = json.issuers;
  if (!Array.isArray(issuers)) {
    throw new RuntimeConfigError('"issuers" is missing or is not a list.');
  }
  const seen = new Set<string>();
  const parsed = issuers.map((entry: unknown, index): IssuerConfig => {
    const path = `issuers[${index}]`;
    if (!isRecord(entry)) {
      throw new RuntimeConfigError(`${path} must be an object.`);
    }
    const unknownKey = Object.keys(entry).find((key) => !KNOWN_ISSUER_KEYS.has(key));
    if (unknownKey !== undefined) {
      throw new RuntimeConfigError(
        `${path}.${unknownKey} is not a known setting (known: ${[...KNOWN_ISSUER_KEYS].join(', ')}).`,
      );
    }
    const iss = requiredUrl(entry, 'iss', path);
    const clientId = entry.clientId;
    if (typeof clientId !== 'string' || clientId.trim() === '') {
      throw new RuntimeConfigError(`${path}.clientId is missing: use the client id the EHR issued.`);
    }
    const normalized = normalizeIssuer(iss);
    if (seen.has(normalized)) {
      throw new RuntimeConfigError(`${path}.iss repeats an issuer listed earlier: "${iss}".`);
    }
    seen.add(normalized);
    const scope = optionalString(entry, 'scope', path);
    const redirectUri = optionalString(entry, 'redirectUri', path);
    if (redirectUri !== undefined) {
      assertUrl(redirectUri, `${path}.redirectUri`);
    }
    const label = optionalString(entry, 'label', path);
    return {
      iss,
      clientId,
      ...(scope === undefined ? {} : { scope }),
      ...(redirectUri === undefined ? {} : { redirectUri }),
      ...(label === undefined ? {} : { label }),
    };
  });
  return { issuers: parsed };
}

/** Scheme and host compare case-insensitively; the path exactly, without trailing slashes. */
export function normalizeIssuer(iss: string): string {
  try {
    const url = new URL(iss);
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return iss.replace(/\/+$/, '');
  }
}

export function findIssuer(config: RuntimeConfig, iss: string): IssuerConfig | undefined {
  const wanted = normalizeIssuer(iss);
  return config.issuers.find((issuer) => normalizeIssuer(issuer.iss) === wanted);
}
