import type { CapabilityStatement } from 'fhir/r4';
import type { FhirSession } from './smart-session';

/** What PeerBridge needs to know about a FHIR server to choose how it writes. */
export interface ServerCapabilities {
  readonly transaction: boolean;
  readonly batch: boolean;
}

/** Assumed until the CapabilityStatement says otherwise: SMART servers that write support both. */
export const ASSUMED_CAPABILITIES: ServerCapabilities = { transaction: true, batch: true };

function isCapabilityStatement(value: unknown): value is CapabilityStatement {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { resourceType?: unknown }).resourceType === 'CapabilityStatement'
  );
}

export function readServerCapabilities(statement: CapabilityStatement): ServerCapabilities {
  const interactions = new Set(
    (statement.rest ?? [])
      .filter((rest) => rest.mode === 'server')
      .flatMap((rest) => (rest.interaction ?? []).map((interaction) => interaction.code)),
  );
  return { transaction: interactions.has('transaction'), batch: interactions.has('batch') };
}

/**
 * Reads the server's CapabilityStatement. A server that will not say keeps the assumption: the
 * write path falls back on its own when a transaction is refused.
 */
export async function loadServerCapabilities(session: FhirSession): Promise<ServerCapabilities> {
  try {
    const response = await session.request('metadata', { timeoutMs: 15_000 });
    return isCapabilityStatement(response.body)
      ? readServerCapabilities(response.body)
      : ASSUMED_CAPABILITIES;
  } catch {
    return ASSUMED_CAPABILITIES;
  }
}
