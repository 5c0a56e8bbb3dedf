import type { FhirResource } from 'fhir/r4';
import { draftToTransaction } from '../../../src/domain/draft-to-transaction';
import type { PeerEncounterDraft } from '../../../src/domain/peer-encounter-draft';
import { fixtureContext } from '../../../mocks/fixtures/drafts';
import { serverResponse } from '../../../mocks/fixtures/server-response';

/** The resources a server holds after saving `draft`, with ids from `firstId`. */
export function storedNote(draft: PeerEncounterDraft, firstId: number): FhirResource[] {
  return (serverResponse(draftToTransaction(draft, fixtureContext()), firstId).entry ?? []).flatMap((e) =>
    e.resource ? [e.resource] : [],
  );
}
