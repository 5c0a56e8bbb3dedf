import type { Observation, QuestionnaireResponse } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { capabilityStatement } from '../../mocks/fake-fhir-server/capability-statement';
import {
  FIXTURE_NOW,
  fixtureContext,
  mariaIndividualDraft,
  sequentialUuids,
} from '../../mocks/fixtures/drafts';
import { instrumentById } from '../../src/domain/codes-instruments';
import type { PeerEncounterDraft } from '../../src/domain/peer-encounter-draft';
import { readServerCapabilities } from '../../src/domain/server-capabilities';
import { DEFAULT_WRITE_PLAN_SITE } from '../../src/domain/write-plan';
import { PeerNoteWriter } from '../../src/fhir/peer-note-writer';
import type { SaveNoteResult } from '../../src/fhir/save-note-result';
import { sessionLedger, sessionRefusals } from '../../src/fhir/write-ledger';
import { memoryFhirSession, MEMORY_BASE } from '../support/memory-fhir-session';

const PHQ9 = instrumentById('phq-9');
const answersAt = (index: number) =>
  Object.fromEntries(PHQ9.items.map((item) => [item.linkId, item.answers[index]?.coding.code ?? '']));
const draft: PeerEncounterDraft = {
  ...mariaIndividualDraft,
  measures: [{ kind: 'instrument', instrument: 'phq-9', answers: answersAt(1) }],
};
const rescored: PeerEncounterDraft = {
  ...draft,
  measures: [{ kind: 'instrument', instrument: 'phq-9', answers: answersAt(2) }],
};

function setup() {
  const memory = memoryFhirSession([], {
    grantedScope: 'launch openid fhirUser patient/*.cruds user/*.cruds',
  });
  const refusals = sessionRefusals(undefined, MEMORY_BASE);
  const writer = new PeerNoteWriter(memory.session, fixtureContext().author, {
    now: () => new Date(FIXTURE_NOW),
    newUuid: sequentialUuids(),
    capabilities: () => Promise.resolve(readServerCapabilities(capabilityStatement({}))),
    sleep: () => Promise.resolve(),
    site: () => DEFAULT_WRITE_PLAN_SITE,
    ledger: sessionLedger(undefined, MEMORY_BASE),
    refusals,
  });
  const response = () =>
    memory.server.resources('QuestionnaireResponse')[0] as QuestionnaireResponse | undefined;
  const total = () =>
    (memory.server.resources('Observation') as Observation[]).find((o) =>
      o.code.coding?.some((c) => c.code === PHQ9.total.code),
    );
  return { memory, writer, refusals, response, total };
}

function savedView(result: SaveNoteResult) {
  if (result.kind !== 'saved') {
    throw new Error(`Expected the note to be saved, but it was ${result.kind}.`);
  }
  return result.view;
}

describe('amending a signed note with an instrument', () => {
  it('shows the saved note with its answers, and rewrites the response with If-Match when re-scored', async () => {
    const s = setup();
    const view = savedView(await s.writer.save(draft, 'final'));
    expect(view.draft.measures).toEqual(draft.measures);
    const amended = savedView(await s.writer.update(rescored, view, 'Re-scored with Maria'));
    expect(amended.draft.measures).toEqual(rescored.measures);
    expect(s.memory.server.resources('QuestionnaireResponse')).toHaveLength(1);
    expect(s.response()?.status).toBe('amended');
    expect(s.response()?.meta?.versionId).not.toBe(
      view.versions.find((v) => v.resourceType === 'QuestionnaireResponse')?.versionId,
    );
    expect(s.total()?.valueInteger).toBe(18);
  });

  it('leaves the response alone, and amends the total, once this server refused responses', async () => {
    const s = setup();
    const view = savedView(await s.writer.save(draft, 'final'));
    const before = s.response()?.meta?.versionId;
    s.refusals.remember('questionnaire-responses');
    await s.writer.update(rescored, view, 'Re-scored with Maria');
    expect(s.response()?.meta?.versionId).toBe(before);
    expect(s.total()?.valueInteger).toBe(18);
  });
});
