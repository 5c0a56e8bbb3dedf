import type { Encounter, FhirResource, Observation } from 'fhir/r4';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OBSERVATION_CODE } from '../../../src/domain/codes';
import type { PeerEncounterDraft } from '../../../src/domain/peer-encounter-draft';
import { PeerNoteWriter } from '../../../src/fhir/peer-note-writer';
import { ASSUMED_CAPABILITIES } from '../../../src/fhir/server-capabilities';
import {
  createDocumentationModel,
  type DocumentationModel,
} from '../../../src/ui/documentation/documentation-model';
import { createDraftStore, type DraftStore } from '../../../src/ui/documentation/draft-store';
import {
  devonGroupDraft,
  FIXTURE_NOW,
  fixtureContext,
  mariaIndividualDraft,
  sequentialUuids,
} from '../../../mocks/fixtures/drafts';
import { adjustableSession, fakeSmartClient, type AdjustableSession } from '../../support/fake-smart-client';
import {
  createFhirStore,
  STORE_BASE,
  type Fault,
  type FaultOptions,
  type FhirStore,
} from '../../support/fhir-store';
import { memoryStorage } from '../../support/memory-storage';

const server = setupServer();
let store: FhirStore;

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  store = createFhirStore();
  server.use(...store.handlers);
});
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** Everything one save of Maria's note writes (see tests/fhir/peer-note-writer.test.ts). */
const MARIA_NOTE = { Encounter: 1, Observation: 9, Goal: 1, Provenance: 1 };

interface Harness {
  readonly model: DocumentationModel;
  readonly draftStore: DraftStore;
  readonly connection: AdjustableSession;
}

/** The documentation screen's model for one patient, over the in-memory FHIR store. */
function harness(patientId: string, connection: AdjustableSession = adjustableSession()): Harness {
  const draftStore = createDraftStore(
    { serverUrl: STORE_BASE, user: 'Practitioner/pr-alex-rivera', patientId },
    memoryStorage(),
  );
  const writer = new PeerNoteWriter(
    connection.session,
    { ...fixtureContext().author, organization: 'Organization/org-riverside' },
    {
      now: () => new Date(FIXTURE_NOW),
      newUuid: sequentialUuids(1),
      capabilities: () => Promise.resolve(ASSUMED_CAPABILITIES),
      sleep: () => Promise.resolve(),
    },
  );
  const model = createDocumentationModel({
    patientId,
    store: draftStore,
    writer,
    now: () => new Date(FIXTURE_NOW),
    newUuid: sequentialUuids(2),
  });
  return { model, draftStore, connection };
}

/** Alex types Maria's note field by field, as in the form (the draft keeps its own id and status). */
function typeMariasNote(model: DocumentationModel): void {
  const { id: _id, status: _status, ...words } = mariaIndividualDraft;
  model.update((draft) => ({ ...draft, start: words.start, durationMinutes: words.durationMinutes }));
  model.update((draft) => ({ ...draft, contactMode: words.contactMode, setting: 'clinic' }));
  model.update((draft) => ({ ...draft, activities: words.activities, goals: words.goals }));
  model.update((draft) => ({ ...draft, response: words.response, narrative: words.narrative }));
  model.update((draft) => ({ ...draft, nextSteps: words.nextSteps, measures: words.measures }));
}

function typedMaria(model: DocumentationModel): PeerEncounterDraft {
  return { ...mariaIndividualDraft, id: model.draft.value.id, status: 'draft' };
}

function failedStatus(model: DocumentationModel) {
  const status = model.status.value;
  if (status.kind !== 'failed') {
    throw new Error(`Expected the save to have failed, but the status is ${status.kind}.`);
  }
  return status;
}

interface ModelFault {
  readonly name: string;
  readonly fault: Fault;
  readonly options?: FaultOptions;
  readonly conflict?: boolean;
}

const FAULTS: readonly ModelFault[] = [
  { name: '400 Bad Request', fault: 400 },
  { name: '403 Forbidden', fault: 403 },
  { name: '404 Not Found', fault: 404 },
  { name: '409 Conflict', fault: 409, conflict: true },
  { name: '412 Precondition Failed', fault: 412, conflict: true },
  { name: '422 Unprocessable Entity', fault: 422 },
  { name: '429 with a long Retry-After', fault: 429, options: { retryAfterSeconds: 120 } },
  { name: '500 Internal Server Error', fault: 500 },
  { name: '503 with a long Retry-After', fault: 503, options: { retryAfterSeconds: 600 } },
  { name: 'a network error', fault: 'network' },
  { name: 'a timeout', fault: 'timeout' },
  { name: 'an HTML page', fault: 'html' },
  { name: 'a gateway’s HTML error page', fault: 'html-502' },
  { name: 'truncated JSON', fault: 'truncated' },
  { name: 'an answer lost after the server committed', fault: 'drop-after-commit' },
];

describe.each(FAULTS)('DocumentationModel.save when the write meets $name', (failure) => {
  async function saveIntoFault(): Promise<Harness> {
    const h = harness('pt-maria-santos');
    typeMariasNote(h.model);
    store.failNext(1, failure.fault, failure.options);
    if (failure.fault === 'timeout') {
      h.connection.setTimeoutMs(100);
    }
    await h.model.save('final');
    h.connection.setTimeoutMs(undefined);
    return h;
  }

  it('shows the save failed, in plain words that say the note is kept', async () => {
    const { model } = await saveIntoFault();
    const status = failedStatus(model);
    expect(status.message).toMatch(
      failure.conflict ? /did not overwrite it\. Your words are still here/ : /Your note is kept in this tab/,
    );
    expect(status.message).not.toMatch(/Error|undefined|\[object|\{|\b[1-5]\d\d\b/);
    expect(status.conflict).toBe(failure.conflict ?? false);
    expect(status.sessionEnded).toBe(false);
    expect(model.busy.value).toBe(false);
  });

  it('keeps every word typed, in the model and in the browser’s copy', async () => {
    const { model, draftStore } = await saveIntoFault();
    expect(model.draft.value).toEqual(typedMaria(model));
    expect(draftStore.load()?.draft).toEqual(model.draft.value);
    expect(model.saved.value).toBeUndefined();
  });

  it('saves the note exactly once when the person tries again', async () => {
    const { model } = await saveIntoFault();
    await model.save('final');
    expect(model.status.value).toMatchObject({ kind: 'saved', what: 'final' });
    expect(model.saved.value?.draft.narrative).toBe(mariaIndividualDraft.narrative);
    expect(store.counts()).toEqual(MARIA_NOTE);
    expect(store.duplicateKeys()).toEqual([]);
  });
});

describe('DocumentationModel.save', () => {
  it('lists the problems of an incomplete note and writes nothing', async () => {
    const { model } = harness('pt-maria-santos');
    model.update((draft) => ({ ...draft, narrative: 'Met Maria at the clinic.' }));
    await model.save('final');
    expect(model.status.value.kind).toBe('invalid');
    expect(model.problems.value.map((p) => p.field)).toEqual(
      expect.arrayContaining(['durationMinutes', 'contactMode']),
    );
    expect(model.problems.value.every((p) => p.message.length > 0)).toBe(true);
    expect(store.requests).toEqual([]);
  });

  it('writes once when Save is clicked twice before the first save ends', async () => {
    const { model } = harness('pt-maria-santos');
    typeMariasNote(model);
    const first = model.save('final');
    const second = model.save('final');
    await Promise.all([first, second]);
    expect(store.writeRequests()).toHaveLength(1);
    expect(store.counts()).toEqual(MARIA_NOTE);
  });

  it('writes nothing when a saved note is saved again unchanged', async () => {
    const { model } = harness('pt-maria-santos');
    typeMariasNote(model);
    await model.save('final');
    const writesBefore = store.writeRequests().length;
    await model.save('final');
    expect(model.status.value).toMatchObject({ kind: 'saved', requestCount: 0 });
    expect(store.writeRequests()).toHaveLength(writesBefore);
  });

  it('submits a saved draft as the same note, with one Encounter', async () => {
    const { model } = harness('pt-maria-santos');
    typeMariasNote(model);
    await model.save('draft');
    await model.save('final');
    expect(model.status.value).toMatchObject({ kind: 'saved', what: 'final' });
    expect(model.draft.value.status).toBe('final');
    expect(store.count('Encounter')).toBe(1);
    expect(store.all('Encounter')[0]).toMatchObject({ status: 'finished' });
  });

  it('shows a conflict, and keeps the new words, when someone else changed the saved note', async () => {
    const { model, draftStore } = harness('pt-maria-santos');
    typeMariasNote(model);
    await model.save('final');
    store.changeElsewhere('Encounter', model.saved.value?.encounterId ?? '', (encounter) => ({
      ...encounter,
      reasonCode: [{ text: 'Reviewed by Dr. Sam Okafor' }],
    }));
    const added = `${mariaIndividualDraft.narrative} She sang a verse for me.`;
    model.update((draft) => ({ ...draft, narrative: added }));
    await model.save('final');
    expect(failedStatus(model)).toMatchObject({ conflict: true, sessionEnded: false });
    expect(model.draft.value.narrative).toBe(added);
    expect(draftStore.load()?.draft.narrative).toBe(added);
    expect(store.all('Encounter')[0]).toMatchObject({ reasonCode: [{ text: 'Reviewed by Dr. Sam Okafor' }] });
  });

  it('says the session ended, and keeps the note, when the token can no longer be refreshed', async () => {
    const { model, draftStore } = harness('pt-maria-santos', adjustableSession(fakeSmartClient()));
    typeMariasNote(model);
    store.revokeToken('token-1');
    await model.save('final');
    const status = failedStatus(model);
    expect(status.sessionEnded).toBe(true);
    expect(status.message).toMatch(/Open PeerBridge again/);
    expect(status.message).toMatch(/kept/);
    expect(draftStore.load()?.draft).toEqual(typedMaria(model));
    expect(store.counts()).toEqual({});
  });

  it('refreshes an expired token by itself and saves', async () => {
    const client = fakeSmartClient({ refreshToken: 'refresh-1' });
    const { model } = harness('pt-maria-santos', adjustableSession(client));
    typeMariasNote(model);
    store.revokeToken('token-1');
    await model.save('final');
    expect(model.status.value.kind).toBe('saved');
    expect(client.refreshes).toBe(1);
    expect(store.counts()).toEqual(MARIA_NOTE);
  });
});

describe('DocumentationModel.save of a group session', () => {
  const GROUP_SUMMARY = 'The Tuesday group planned their weekends and who each would call if it got hard.';

  /** Alex documents Devon's group session with Maria and Lena also taking part. */
  function documentDevonsGroup(summary = GROUP_SUMMARY): Harness {
    const h = harness('pt-devon-walker');
    const { id: _id, status: _status, ...words } = devonGroupDraft;
    h.model.update((draft) => ({ ...draft, ...words }));
    h.model.toggleParticipant('pt-maria-santos');
    h.model.toggleParticipant('pt-lena-novak');
    h.model.toggleParticipant('pt-sam-unrelated');
    h.model.toggleParticipant('pt-sam-unrelated');
    h.model.setGroupSummary(summary);
    return h;
  }

  function peerEncounters(): Encounter[] {
    return store.all('Encounter').flatMap((r) => (r.resourceType === 'Encounter' && r.subject ? [r] : []));
  }

  function encounterFor(patientId: string): Encounter {
    const [found, ...more] = peerEncounters().filter((e) => e.subject?.reference === `Patient/${patientId}`);
    if (!found || more.length > 0) {
      throw new Error(`Expected exactly one Encounter for ${patientId}.`);
    }
    return found;
  }

  function writtenFor(encounter: Encounter): FhirResource[] {
    const ref = `Encounter/${encounter.id ?? ''}`;
    return [...store.all('Observation'), ...store.all('Task')].filter(
      (r) =>
        (r.resourceType === 'Observation' && r.encounter?.reference === ref) ||
        (r.resourceType === 'Task' && r.focus?.reference === ref),
    );
  }

  function codeOf(resource: FhirResource): string {
    return resource.resourceType === 'Observation'
      ? (resource.code.coding?.[0]?.code ?? '')
      : resource.resourceType;
  }

  it('writes one note per participant, and the shared group session once', async () => {
    const { model } = documentDevonsGroup();
    await model.save('final');
    expect(model.status.value).toMatchObject({ kind: 'saved', participants: 2 });
    expect(
      peerEncounters()
        .map((e) => e.subject?.reference)
        .sort(),
    ).toEqual(['Patient/pt-devon-walker', 'Patient/pt-lena-novak', 'Patient/pt-maria-santos']);
    expect(store.withKey(`${devonGroupDraft.groupSession?.id ?? ''}:group-session`)).toHaveLength(1);
    expect(store.count('Encounter')).toBe(4);
    expect(store.duplicateKeys()).toEqual([]);
  });

  it('makes every participant’s note part of the same group session Encounter', async () => {
    const { model } = documentDevonsGroup();
    await model.save('final');
    const [session] = store.withKey(`${devonGroupDraft.groupSession?.id ?? ''}:group-session`);
    expect(new Set(peerEncounters().map((e) => e.partOf?.reference))).toEqual(
      new Set([`Encounter/${session?.id ?? ''}`]),
    );
  });

  it('gives the other participants only the shared facts and the group summary, nothing from the open chart', async () => {
    const { model } = documentDevonsGroup();
    await model.save('final');
    for (const patientId of ['pt-maria-santos', 'pt-lena-novak']) {
      const written = writtenFor(encounterFor(patientId));
      expect(new Set(written.map(codeOf))).toEqual(
        new Set([OBSERVATION_CODE.activity.code, OBSERVATION_CODE.narrative.code]),
      );
      const narrative = written.find((r): r is Observation => codeOf(r) === OBSERVATION_CODE.narrative.code);
      expect(narrative?.valueString).toBe(GROUP_SUMMARY);
      expect(JSON.stringify(written)).not.toMatch(/Devon|license|dose/i);
    }
  });

  it('keeps Devon’s own goals, response, measures and follow-up on his note only', async () => {
    const { model } = documentDevonsGroup();
    await model.save('final');
    const codes = new Set(writtenFor(encounterFor('pt-devon-walker')).map(codeOf));
    for (const code of [
      OBSERVATION_CODE.goalProgress.code,
      OBSERVATION_CODE.response.code,
      OBSERVATION_CODE.followUp.code,
      'Task',
    ]) {
      expect(codes).toContain(code);
    }
    expect(store.count('Task')).toBe(1);
  });

  it('saves every note exactly once when a participant’s write fails and the save is tried again', async () => {
    const { model } = documentDevonsGroup();
    let transactions = 0;
    store.failNext(1, 'drop-after-commit', {
      when: (r) => r.bundleType === 'transaction' && ++transactions === 2,
    });
    await model.save('final');
    expect(model.status.value.kind).toBe('failed');
    await model.save('final');
    expect(model.status.value).toMatchObject({ kind: 'saved', participants: 2 });
    expect(peerEncounters()).toHaveLength(3);
    expect(store.count('Encounter')).toBe(4);
    expect(store.duplicateKeys()).toEqual([]);
  });

  // Known bug, left to the owners of src/ui: saveParticipants ignores a participant draft that
  // fails validation (here a whitespace-only group summary becomes a blank note), yet the status
  // says both participants were saved. Remove `.fails` once the model reports or avoids it.
  it('never reports participants’ notes as saved when they were not written', async () => {
    const { model } = documentDevonsGroup('   ');
    await model.save('final');
    const status = model.status.value;
    const participantsWritten = peerEncounters().length - 1;
    expect(status.kind === 'saved' ? status.participants : 0).toBe(participantsWritten);
  });
});
