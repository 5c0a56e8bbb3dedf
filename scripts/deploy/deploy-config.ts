/**
 * `peerbridge.deploy.json`: what the web server's headers need beyond the runtime configuration. The
 * runtime configuration names FHIR servers; it cannot know where the EHR's own pages live (which
 * frame PeerBridge) or an authorization server on another origin than FHIR, so IT lists them here.
 */
import { isRecord } from '../../src/domain/guards';

export interface DeployConfig {
  /** Origins allowed to embed PeerBridge in a frame: the EHR's web pages. The only ones besides 'self'. */
  readonly frameAncestors: readonly string[];
  /** Origins PeerBridge may fetch from beyond the issuers': e.g. a token endpoint on its own host. */
  readonly extraConnectSrc: readonly string[];
}

export const DEPLOY_CONFIG_FILE = 'peerbridge.deploy.json';

export const EMPTY_DEPLOY_CONFIG: DeployConfig = { frameAncestors: [], extraConnectSrc: [] };

export class DeployConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeployConfigError';
  }
}

const KNOWN_KEYS = ['frameAncestors', 'extraConnectSrc'] as const;

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

/**
 * An origin as CSP wants it: scheme, host and port, nothing else. A path would be ignored by some
 * browsers and honoured by others, so it is refused rather than silently dropped.
 */
export function parseOrigin(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new DeployConfigError(`${path} must be an origin such as "https://ehr.example.org".`);
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new DeployConfigError(`${path} is not a URL: "${value}".`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    throw new DeployConfigError(`${path} must use https (plain http only on localhost): "${value}".`);
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
    throw new DeployConfigError(
      `${path} must be an origin without a path: use "${url.origin}" instead of "${value}".`,
    );
  }
  return url.origin;
}

function originList(json: Record<string, unknown>, key: (typeof KNOWN_KEYS)[number]): string[] {
  const value = json[key];
  if (value === undefined) {
    return [];
  }
  if (!Array.isArray(value)) {
    throw new DeployConfigError(`${key} must be a list of origins.`);
  }
  return value.map((item: unknown, index) => parseOrigin(item, `${key}[${index}]`));
}

/** Validates the parsed JSON of peerbridge.deploy.json; throws a DeployConfigError naming the bad key. */
export function parseDeployConfig(json: unknown): DeployConfig {
  if (!isRecord(json)) {
    throw new DeployConfigError(`${DEPLOY_CONFIG_FILE} must be a JSON object.`);
  }
  const unknownKey = Object.keys(json).find((key) => !(KNOWN_KEYS as readonly string[]).includes(key));
  if (unknownKey !== undefined) {
    throw new DeployConfigError(`${unknownKey} is not a known setting (known: ${KNOWN_KEYS.join(', ')}).`);
  }
  return {
    frameAncestors: originList(json, 'frameAncestors'),
    extraConnectSrc: originList(json, 'extraConnectSrc'),
  };
}
