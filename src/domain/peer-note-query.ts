import type { NotePart } from './note-parts';
import { revIncludesFor } from './note-parts';
import { searchPath } from './search-query';
import { ASSUMED_CAPABILITIES, supportsInclude, type ServerCapabilities } from './server-capabilities';

export interface PeerNoteQuery {
  readonly path: string;
  /** The note parts the search brings with the Encounter; the others are searched apart. */
  readonly parts: ReadonlySet<NotePart>;
}

/**
 * The search for a saved peer note: its Encounter, with the Observations, Task and Provenances that
 * point at it and the Goals its progress Observations are about, where the server lists those
 * `_revinclude`s and `_include`s (servers that do not support them ignore them without saying so).
 */
export function peerNoteQuery(
  encounterId: string,
  capabilities: ServerCapabilities = ASSUMED_CAPABILITIES,
): PeerNoteQuery {
  const revIncludes = revIncludesFor(capabilities);
  const goals =
    revIncludes.parts.has('observations') &&
    supportsInclude(capabilities, 'Observation', 'Observation:focus');
  return {
    path: searchPath('Encounter', [
      ['_id', encounterId],
      ...revIncludes.params,
      ...(goals ? [['_include:iterate', 'Observation:focus'] as const] : []),
    ]),
    parts: revIncludes.parts,
  };
}
