import { describe, expect, it } from 'vitest';
import { capabilityStatement } from '../../mocks/fake-fhir-server/capability-statement';
import { fixtureContext, mariaIndividualDraft } from '../../mocks/fixtures/drafts';
import { instrumentById } from '../../src/domain/codes-instruments';
import { draftToTransaction } from '../../src/domain/draft-to-transaction';
import type { DraftMeasure, PeerEncounterDraft } from '../../src/domain/peer-encounter-draft';
import { ASSUMED_CAPABILITIES, readServerCapabilities } from '../../src/domain/server-capabilities';
import { loadPeerNote } from '../../src/fhir/peer-note-query';
import { memoryFhirSession } from '../support/memory-fhir-session';

const GAD7 = instrumentById('gad-7');
const gad: DraftMeasure = {
  kind: 'instrument',
  instrument: 'gad-7',
  answers: Object.fromEntries(GAD7.items.map((item) => [item.linkId, item.answers[2]?.coding.code ?? ''])),
};
const draft: PeerEncounterDraft = { ...mariaIndividualDraft, measures: [gad] };

/** The fake FHIR server holding Maria's saved note (with its GAD-7), and the id of its Encounter. */
function savedNote() {
  const memory = memoryFhirSession([]);
  const reply = memory.server.handle({
    method: 'POST',
    path: '',
    body: draftToTransaction(draft, fixtureContext()),
  });
  expect(reply.status).toBe(200);
  const encounterId = memory.server.resources('Encounter')[0]?.id ?? '';
  memory.sent.length = 0;
  return { memory, encounterId };
}

describe('loading a saved peer note with an instrument', () => {
  it('brings the QuestionnaireResponse with the Encounter where _revinclude is listed: one request', async () => {
    const { memory, encounterId } = savedNote();
    const capabilities = readServerCapabilities(capabilityStatement({}));
    const view = await loadPeerNote(memory.session, capabilities, draft.patientId, encounterId);
    expect(view?.draft.measures).toEqual([gad]);
    expect(memory.sent).toHaveLength(1);
    expect(decodeURIComponent(memory.sent[0] ?? '')).toContain('_revinclude=QuestionnaireResponse:encounter');
  });

  it('searches the responses apart, in one request for the page, where no _revinclude is listed', async () => {
    const { memory, encounterId } = savedNote();
    const view = await loadPeerNote(memory.session, ASSUMED_CAPABILITIES, draft.patientId, encounterId);
    expect(view?.draft.measures).toEqual([gad]);
    expect(view?.loaded.responses).toBe(true);
    expect(memory.sent.filter((path) => path.startsWith('QuestionnaireResponse?'))).toEqual([
      `QuestionnaireResponse?encounter=${encodeURIComponent(`Encounter/${encounterId}`)}&_count=500`,
    ]);
  });

  it('says the responses were not loaded, and shows the total, when their search is refused', async () => {
    const { encounterId } = savedNote();
    const refusing = memoryFhirSession([], {
      refuse: (path) => (path.startsWith('QuestionnaireResponse?') ? 403 : undefined),
    });
    refusing.server.handle({ method: 'POST', path: '', body: draftToTransaction(draft, fixtureContext()) });
    const id = refusing.server.resources('Encounter')[0]?.id ?? encounterId;
    const view = await loadPeerNote(refusing.session, ASSUMED_CAPABILITIES, draft.patientId, id);
    expect(view?.loaded.responses).toBe(false);
    expect(view?.draft.measures).toEqual([{ kind: 'score', code: GAD7.total.code, value: 14 }]);
  });
});
