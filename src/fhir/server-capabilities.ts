import {
  ASSUMED_CAPABILITIES,
  isCapabilityStatement,
  readServerCapabilities,
  type ServerCapabilities,
} from '../domain/server-capabilities';
import { isRecord } from '../domain/guards';
import type { FhirSession } from './smart-session';

export { ASSUMED_CAPABILITIES, type ServerCapabilities } from '../domain/server-capabilities';

const CACHE_PREFIX = 'peerbridge:capabilities:';

/** Storage that may throw (blocked in a cross-site frame) or be absent: the cache is only a saving. */
export type CapabilityCache = Pick<Storage, 'getItem' | 'setItem'>;

function isCachedSummary(value: unknown): value is ServerCapabilities {
  return (
    isRecord(value) &&
    value.known === true &&
    typeof value.transaction === 'boolean' &&
    typeof value.batch === 'boolean' &&
    isRecord(value.resources)
  );
}

function readCache(cache: CapabilityCache | undefined, key: string): ServerCapabilities | undefined {
  try {
    const text = cache?.getItem(key);
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    return isCachedSummary(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function writeCache(cache: CapabilityCache | undefined, key: string, summary: ServerCapabilities): void {
  try {
    cache?.setItem(key, JSON.stringify(summary));
  } catch {
    // Full or blocked storage: the statement is read again next launch.
  }
}

/** The summary cached for this server in this browser session, if any: no request is sent. */
export function cachedServerCapabilities(
  session: FhirSession,
  cache: CapabilityCache | undefined,
): ServerCapabilities | undefined {
  return readCache(cache, `${CACHE_PREFIX}${session.context.serverUrl}`);
}

/**
 * Reads the server's CapabilityStatement once per server per browser session: its summary is cached
 * (the statement itself is often 600 kB). A server that will not say keeps the assumptions, and the
 * writers and readers fall back when a request is refused.
 */
export async function loadServerCapabilities(
  session: FhirSession,
  cache?: CapabilityCache,
): Promise<ServerCapabilities> {
  const key = `${CACHE_PREFIX}${session.context.serverUrl}`;
  const cached = readCache(cache, key);
  if (cached) {
    return cached;
  }
  try {
    const response = await session.request('metadata', { timeoutMs: 15_000 });
    if (!isCapabilityStatement(response.body)) {
      return ASSUMED_CAPABILITIES;
    }
    const summary = readServerCapabilities(response.body);
    writeCache(cache, key, summary);
    return summary;
  } catch {
    return ASSUMED_CAPABILITIES;
  }
}
