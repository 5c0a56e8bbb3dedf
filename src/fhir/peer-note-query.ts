import type { Bundle } from 'fhir/r4';
import { resourcesToView, type PeerEncounterView } from '../domain/peer-encounter-view';
import { peerNoteQuery } from '../domain/peer-note-query';
import type { ServerCapabilities } from '../domain/server-capabilities';
import { UnreadableResponseError } from './fhir-errors';
import { loadNoteParts, readSearchset } from './note-parts-query';
import type { FhirSession } from './smart-session';
import { referenceToId } from '../domain/references';

/**
 * Reads a saved peer note from the record, e.g. a draft saved at another workstation, with all of its
 * parts (searched apart where the server does not list the `_revinclude`s): the note is reopened to be
 * amended, so a part left out would be written back as removed.
 */
export async function loadPeerNote(
  session: FhirSession,
  capabilities: ServerCapabilities,
  patientId: string,
  encounterId: string,
): Promise<PeerEncounterView | undefined> {
  const query = peerNoteQuery(encounterId, capabilities);
  const response = await session.request(query.path);
  const body = response.body as Bundle | undefined;
  if (body?.resourceType !== 'Bundle') {
    throw new UnreadableResponseError(response.status, 'not a searchset Bundle');
  }
  const ref = referenceToId('Encounter', encounterId);
  const parts = await loadNoteParts(session, capabilities, patientId, [ref], query.parts);
  return resourcesToView([...readSearchset(body).resources, ...parts.resources], ref, parts.loaded)[0];
}
