/**
 * SMART discovery: what the EHR's authorization server says it supports, read from
 * `{iss}/.well-known/smart-configuration` (SMART App Launch 2.x, "Conformance").
 */

export interface SmartConfiguration {
  readonly capabilities: readonly string[];
  readonly authorizationEndpoint?: string;
  readonly tokenEndpoint?: string;
}

export class DiscoveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DiscoveryError';
  }
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

export function parseSmartConfiguration(json: unknown): SmartConfiguration {
  if (typeof json !== 'object' || json === null) {
    throw new DiscoveryError('The EHR’s SMART configuration is not a JSON object.');
  }
  const record = json as Record<string, unknown>;
  const authorizationEndpoint = record.authorization_endpoint;
  const tokenEndpoint = record.token_endpoint;
  return {
    capabilities: stringList(record.capabilities),
    ...(typeof authorizationEndpoint === 'string' ? { authorizationEndpoint } : {}),
    ...(typeof tokenEndpoint === 'string' ? { tokenEndpoint } : {}),
  };
}

export async function discoverSmartConfiguration(
  iss: string,
  fetchImpl: typeof fetch = fetch,
): Promise<SmartConfiguration> {
  const url = `${iss.replace(/\/+$/, '')}/.well-known/smart-configuration`;
  let response: Response;
  try {
    response = await fetchImpl(url, { headers: { Accept: 'application/json' }, credentials: 'omit' });
  } catch {
    throw new DiscoveryError(`The EHR at ${iss} could not be reached to read its SMART configuration.`);
  }
  if (!response.ok) {
    throw new DiscoveryError(
      `The EHR at ${iss} has no SMART configuration (HTTP ${response.status} from ${url}).`,
    );
  }
  try {
    return parseSmartConfiguration(await response.json());
  } catch (error) {
    if (error instanceof DiscoveryError) {
      throw error;
    }
    throw new DiscoveryError(`The EHR’s SMART configuration at ${url} is not valid JSON.`);
  }
}

export function prefersV2Scopes(config: SmartConfiguration): boolean {
  return config.capabilities.includes('permission-v2');
}
