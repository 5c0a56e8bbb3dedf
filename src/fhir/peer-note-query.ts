import type { Bundle } from 'fhir/r4';
import { peerNoteQuery } from '../domain/peer-note-query';
import { bundleToViews, type PeerEncounterView } from '../domain/peer-encounter-view';
import { UnreadableResponseError } from './fhir-errors';
import type { FhirSession } from './smart-session';

/** Reads a saved peer note from the record, e.g. a draft saved at another workstation. */
export async function loadPeerNote(
  session: FhirSession,
  encounterId: string,
): Promise<PeerEncounterView | undefined> {
  const response = await session.request(peerNoteQuery(encounterId));
  const body = response.body as Bundle | undefined;
  if (body?.resourceType !== 'Bundle') {
    throw new UnreadableResponseError(response.status, 'not a searchset Bundle');
  }
  return bundleToViews(body, `Encounter/${encounterId}`)[0];
}
