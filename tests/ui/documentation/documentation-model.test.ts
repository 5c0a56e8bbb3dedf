import { DEFAULT_WRITE_PLAN_SITE, type WritePlanSite } from '../../../src/domain/write-plan';
import { sessionLedger, sessionRefusals } from '../../../src/fhir/write-ledger';
import type { Encounter, FhirResource, Observation } from 'fhir/r4';
import { http } from 'msw';
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
} from '../../../mocks/fake-fhir-server/fhir-store';
import { memoryStorage } from '../../support/memory-storage';

/** These tests prove the structured record's guarantees: the clinical note is tested on its own below. */
const STRUCTURED_ONLY: WritePlanSite = { ...DEFAULT_WRITE_PLAN_SITE, clinicalNote: false };

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
      site: () => STRUCTURED_ONLY,
      ledger: sessionLedger(undefined, STORE_BASE),
      refusals: sessionRefusals(undefined, STORE_BASE),
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

/**
 * Holds the next write at the server until the test lets it go: the save is on its way, as on a slow
 * network, and the test can type meanwhile. The held request then reaches the store unchanged.
 */
function holdNextWrite(): { readonly arrived: Promise<void>; release(): void } {
  let arrive = (): void => undefined;
  let release = (): void => undefined;
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  server.use(
    http.post(
      STORE_BASE,
      async () => {
        arrive();
        await released;
        return undefined;
      },
      { once: true },
    ),
  );
  return { arrived, release };
}

function narrativeInRecord(): string | undefined {
  const narrative = store
    .all('Observation')
    .find(
      (r): r is Observation =>
        r.resourceType === 'Observation' && r.code.coding?.[0]?.code === OBSERVATION_CODE.narrative.code,
    );
  return narrative?.valueString;
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

  it('reports a change as saved when its answer was lost and the retry meets 412', async () => {
    const { model } = harness('pt-maria-santos');
    typeMariasNote(model);
    await model.save('draft');
    const added = `${mariaIndividualDraft.narrative} She sang a verse for me.`;
    model.update((draft) => ({ ...draft, narrative: added }));
    store.failNext(1, 'drop-after-commit');
    await model.save('draft');
    expect(failedStatus(model).conflict).toBe(false);
    await model.save('draft');
    expect(model.status.value).toMatchObject({ kind: 'saved', what: 'draft' });
    expect(narrativeInRecord()).toBe(added);
    expect(model.unsavedChanges.value).toBe(false);
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

describe('DocumentationModel while a save is on its way', () => {
  const added = `${mariaIndividualDraft.narrative} She asked about the choir's winter concert.`;

  /** Alex saves Maria's note as a draft and keeps typing before the record has answered. */
  async function typeDuringSave(h: Harness): Promise<void> {
    typeMariasNote(h.model);
    const held = holdNextWrite();
    const saving = h.model.save('draft');
    await held.arrived;
    h.model.update((draft) => ({ ...draft, narrative: added }));
    held.release();
    await saving;
  }

  it('keeps the words typed during the save, on screen and in the browser’s copy', async () => {
    const h = harness('pt-maria-santos');
    await typeDuringSave(h);
    expect(h.model.status.value).toMatchObject({ kind: 'saved', what: 'draft' });
    expect(h.model.draft.value.narrative).toBe(added);
    expect(h.draftStore.load()?.draft.narrative).toBe(added);
  });

  it('shows the words typed during the save as changes since saving, not in the record yet', async () => {
    const h = harness('pt-maria-santos');
    await typeDuringSave(h);
    expect(narrativeInRecord()).toBe(mariaIndividualDraft.narrative);
    expect(h.model.saved.value?.draft.narrative).toBe(mariaIndividualDraft.narrative);
    expect(h.model.unsavedChanges.value).toBe(true);
  });

  it('writes the words typed during the save with the next save', async () => {
    const h = harness('pt-maria-santos');
    await typeDuringSave(h);
    await h.model.save('draft');
    expect(narrativeInRecord()).toBe(added);
    expect(h.model.unsavedChanges.value).toBe(false);
    expect(store.count('Encounter')).toBe(1);
  });
});

describe('DocumentationModel.unsavedChanges', () => {
  /** Maria's note, typed and saved. */
  async function savedMaria(kind: 'draft' | 'final'): Promise<DocumentationModel> {
    const { model } = harness('pt-maria-santos');
    typeMariasNote(model);
    await model.save(kind);
    return model;
  }

  it('is false for a new, empty note', () => {
    expect(harness('pt-maria-santos').model.unsavedChanges.value).toBe(false);
  });

  it('is true as soon as something is typed into a note never saved', () => {
    const { model } = harness('pt-maria-santos');
    model.update((draft) => ({ ...draft, narrative: 'Met Maria at the clinic.' }));
    expect(model.unsavedChanges.value).toBe(true);
  });

  it('is false once the note is saved, whatever the status was before', async () => {
    const model = await savedMaria('draft');
    expect(model.unsavedChanges.value).toBe(false);
  });

  it('is true again after a saved note is changed, though the status still says saved', async () => {
    const model = await savedMaria('final');
    model.update((draft) => ({ ...draft, nextSteps: 'Call on Friday.' }));
    expect(model.unsavedChanges.value).toBe(true);
  });

  it('is false for text that is only spaces, which would write nothing', async () => {
    const model = await savedMaria('draft');
    model.update((draft) => ({
      ...draft,
      goals: draft.goals.map((goal, index) => (index === 1 ? { ...goal, comment: '   ' } : goal)),
    }));
    expect(model.unsavedChanges.value).toBe(false);
  });

  it('is false for a note just opened from the record, and true once it is changed', async () => {
    const view = (await savedMaria('draft')).saved.value;
    const { model } = harness('pt-maria-santos');
    if (view) {
      model.open(view);
    }
    expect(model.unsavedChanges.value).toBe(false);
    model.update((draft) => ({ ...draft, narrative: 'Changed at the second workstation.' }));
    expect(model.unsavedChanges.value).toBe(true);
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

  it('names whose notes were saved when a participant’s write fails part-way', async () => {
    const { model } = documentDevonsGroup();
    let transactions = 0;
    store.failNext(1, 500, { when: (r) => r.bundleType === 'transaction' && ++transactions === 3 });
    await model.save('final');
    const status = failedStatus(model);
    expect(status.group).toEqual({
      openChartSaved: true,
      savedFor: ['pt-maria-santos'],
      notSavedFor: ['pt-lena-novak'],
    });
    expect(status.message).not.toMatch(/nothing was lost/);
    expect(status.message).toMatch(/some are not yet/);
  });

  it('writes only the notes not yet saved when a group save that failed part-way is tried again', async () => {
    const { model } = documentDevonsGroup();
    let transactions = 0;
    store.failNext(1, 500, { when: (r) => r.bundleType === 'transaction' && ++transactions === 3 });
    await model.save('final');
    const writesBefore = store.writeRequests().length;
    await model.save('final');
    expect(model.status.value).toMatchObject({ kind: 'saved', participants: 2 });
    expect(store.writeRequests()).toHaveLength(writesBefore + 1);
    expect(encounterFor('pt-lena-novak').status).toBe('finished');
    expect(store.duplicateKeys()).toEqual([]);
  });

  // A whitespace-only group summary writes nothing of its own: each participant's note then takes
  // the open note's words (participantNotesOf), and the count must match what was written.
  it('never reports participants’ notes as saved when they were not written', async () => {
    const { model } = documentDevonsGroup('   ');
    await model.save('final');
    const status = model.status.value;
    const participantsWritten = peerEncounters().length - 1;
    expect(status.kind === 'saved' ? status.participants : 0).toBe(participantsWritten);
  });
});

describe('the documentation model and a safety answer', () => {
  const ITEM_9 = '44260-8';
  const SEVERAL_DAYS = 'LA6569-3';
  const NOT_AT_ALL = 'LA6568-5';
  const answerItem9 = (code: string) => (draft: PeerEncounterDraft) => ({
    ...draft,
    measures: [{ kind: 'instrument' as const, instrument: 'phq-9' as const, answers: { [ITEM_9]: code } }],
  });

  it('makes the follow-up urgent and safety-concern on the update that answers item 9', () => {
    const { model } = harness('pt-maria-santos');
    model.update(answerItem9(SEVERAL_DAYS));
    expect(model.draft.value.followUp).toMatchObject({ reason: 'safety-concern', urgency: 'urgent' });
    expect(model.draft.value.followUp?.note).toMatch(/^PHQ-9 item 9: .*“Several days”/);
  });

  it('keeps the follow-up the peer had through a reload, and gives it back when item 9 is changed back', () => {
    const first = harness('pt-maria-santos');
    const own = { reason: 'medication-question', urgency: 'routine', note: 'Asks about the dose.' };
    first.model.update((draft) => ({ ...draft, followUp: own }));
    first.model.update(answerItem9(SEVERAL_DAYS));
    // A reload: a new model over the same kept work.
    const kept = first.draftStore.load();
    expect(kept?.followUpBeforeSafety).toEqual(own);
    const reloaded = createDocumentationModel({
      patientId: 'pt-maria-santos',
      store: first.draftStore,
      writer: new PeerNoteWriter(adjustableSession().session, fixtureContext().author, {
        now: () => new Date(FIXTURE_NOW),
        newUuid: sequentialUuids(5),
        capabilities: () => Promise.resolve(ASSUMED_CAPABILITIES),
        sleep: () => Promise.resolve(),
        site: () => STRUCTURED_ONLY,
        ledger: sessionLedger(undefined, STORE_BASE),
        refusals: sessionRefusals(undefined, STORE_BASE),
      }),
      now: () => new Date(FIXTURE_NOW),
      newUuid: sequentialUuids(6),
    });
    expect(reloaded.draft.value.followUp?.urgency).toBe('urgent');
    reloaded.update(answerItem9(NOT_AT_ALL));
    expect(reloaded.draft.value.followUp).toEqual(own);
  });

  it('does not let the peer lower the urgency or remove the follow-up while the answer stands', () => {
    const { model } = harness('pt-maria-santos');
    model.update(answerItem9(SEVERAL_DAYS));
    model.update((draft) => ({
      ...draft,
      followUp: draft.followUp && { ...draft.followUp, urgency: 'routine' },
    }));
    expect(model.draft.value.followUp?.urgency).toBe('urgent');
    model.update(({ followUp: _gone, ...draft }) => draft);
    expect(model.draft.value.followUp?.reason).toBe('safety-concern');
  });
});
