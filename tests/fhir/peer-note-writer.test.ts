import type { Bundle, Encounter, Observation } from 'fhir/r4';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writableDraft } from '../../src/domain/writable-text';
import { DEFAULT_WRITE_PLAN_SITE, type WritePlanSite } from '../../src/domain/write-plan';
import { sessionLedger, sessionRefusals } from '../../src/fhir/write-ledger';
import {
  FhirHttpError,
  NetworkError,
  normalizeErrorMessage,
  SessionExpiredError,
  UnreadableResponseError,
  VersionConflictError,
} from '../../src/fhir/fhir-errors';
import type { NoteWriterDependencies } from '../../src/fhir/note-writer-dependencies';
import { PeerNoteWriter } from '../../src/fhir/peer-note-writer';
import type { SaveNoteResult } from '../../src/fhir/save-note-result';
import { ASSUMED_CAPABILITIES, loadServerCapabilities } from '../../src/fhir/server-capabilities';
import { createFhirSession, type FhirSession } from '../../src/fhir/smart-session';
import {
  FIXTURE_NOW,
  fixtureContext,
  mariaIndividualDraft,
  sequentialUuids,
} from '../../mocks/fixtures/drafts';
import { adjustableSession, fakeSmartClient } from '../support/fake-smart-client';
import {
  createFhirStore,
  STORE_BASE,
  type Fault,
  type FaultOptions,
  type FhirStore,
} from '../../mocks/fake-fhir-server/fhir-store';

/** These tests prove the structured record's guarantees: the clinical note is tested on its own below. */
const STRUCTURED_ONLY: WritePlanSite = { ...DEFAULT_WRITE_PLAN_SITE, clinicalNote: false };

const server = setupServer();
let store: FhirStore;
let sleeps: number[];

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  store = createFhirStore();
  server.use(...store.handlers);
  sleeps = [];
});
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** Everything one save of Maria's note writes: 3 activities, 2 goal progress, response, narrative, next steps, check-in. */
const MARIA_NOTE = { Encounter: 1, Observation: 9, Goal: 1, Provenance: 1 };

const AUTHOR = { ...fixtureContext().author, organization: 'Organization/org-riverside' };

function noteWriter(session: FhirSession, overrides: Partial<NoteWriterDependencies> = {}): PeerNoteWriter {
  return new PeerNoteWriter(session, AUTHOR, {
    now: () => new Date(FIXTURE_NOW),
    newUuid: sequentialUuids(),
    capabilities: () => Promise.resolve(ASSUMED_CAPABILITIES),
    sleep: (milliseconds) => {
      sleeps.push(milliseconds);
      return Promise.resolve();
    },
    site: () => STRUCTURED_ONLY,
    ledger: sessionLedger(undefined, STORE_BASE),
    refusals: sessionRefusals(undefined, STORE_BASE),
    ...overrides,
  });
}

function savedView(result: SaveNoteResult) {
  if (result.kind !== 'saved') {
    throw new Error(`Expected the note to be saved, but it was ${result.kind}.`);
  }
  return result.view;
}

function encounterOf(id: string | undefined): Encounter {
  const encounter = store.read('Encounter', id ?? '');
  if (encounter?.resourceType !== 'Encounter') {
    throw new Error(`Encounter/${id ?? ''} is not in the store.`);
  }
  return encounter;
}

function observations(): Observation[] {
  return store.all('Observation').flatMap((r) => (r.resourceType === 'Observation' ? [r] : []));
}

interface FailingFault {
  readonly name: string;
  readonly fault: Fault;
  readonly options?: FaultOptions;
  /** The error the save rejects with. */
  readonly expected:
    typeof FhirHttpError | typeof VersionConflictError | typeof NetworkError | typeof UnreadableResponseError;
  readonly status?: number;
  readonly timedOut?: boolean;
  /** Whether the server applied the write before the answer went wrong. */
  readonly committed: boolean;
}

const FAILURES: readonly FailingFault[] = [
  { name: '400 Bad Request', fault: 400, expected: FhirHttpError, status: 400, committed: false },
  { name: '403 Forbidden', fault: 403, expected: FhirHttpError, status: 403, committed: false },
  { name: '404 Not Found', fault: 404, expected: FhirHttpError, status: 404, committed: false },
  { name: '409 Conflict', fault: 409, expected: VersionConflictError, status: 409, committed: false },
  {
    name: '412 Precondition Failed',
    fault: 412,
    expected: VersionConflictError,
    status: 412,
    committed: false,
  },
  { name: '422 Unprocessable Entity', fault: 422, expected: FhirHttpError, status: 422, committed: false },
  {
    name: '429 with a long Retry-After',
    fault: 429,
    options: { retryAfterSeconds: 120 },
    expected: FhirHttpError,
    status: 429,
    committed: false,
  },
  { name: '500 Internal Server Error', fault: 500, expected: FhirHttpError, status: 500, committed: false },
  {
    name: '503 with a long Retry-After',
    fault: 503,
    options: { retryAfterSeconds: 600 },
    expected: FhirHttpError,
    status: 503,
    committed: false,
  },
  { name: 'a network error', fault: 'network', expected: NetworkError, timedOut: false, committed: false },
  { name: 'a timeout', fault: 'timeout', expected: NetworkError, timedOut: true, committed: false },
  {
    name: 'a timeout after the server committed',
    fault: 'timeout',
    options: { commit: true },
    expected: NetworkError,
    timedOut: true,
    committed: true,
  },
  { name: 'an HTML page with 200', fault: 'html', expected: UnreadableResponseError, committed: false },
  {
    name: 'an HTML page with 502',
    fault: 'html-502',
    expected: FhirHttpError,
    status: 502,
    committed: false,
  },
  { name: 'truncated JSON', fault: 'truncated', expected: UnreadableResponseError, committed: true },
  {
    name: 'an answer lost after the server committed',
    fault: 'drop-after-commit',
    expected: NetworkError,
    timedOut: false,
    committed: true,
  },
];

describe.each(FAILURES)('PeerNoteWriter.save when the write meets $name', (failure) => {
  /** Saves Maria's note once into the fault; returns what it rejected with and a writer for the retry. */
  async function saveIntoFault() {
    const { session, setTimeoutMs } = adjustableSession();
    store.failNext(1, failure.fault, failure.options);
    if (failure.fault === 'timeout') {
      setTimeoutMs(100);
    }
    const writer = noteWriter(session);
    const error = await writer.save(mariaIndividualDraft, 'final').then(
      () => undefined,
      (e: unknown) => e,
    );
    setTimeoutMs(undefined);
    return { error, writer };
  }

  it('rejects with a typed error that keeps what happened', async () => {
    const { error } = await saveIntoFault();
    expect(error).toBeInstanceOf(failure.expected);
    if (failure.status !== undefined) {
      expect(error).toMatchObject({ status: failure.status });
    }
    if (failure.timedOut !== undefined) {
      expect(error).toMatchObject({ timedOut: failure.timedOut });
    }
  });

  it('leaves the whole note or nothing in the record, never part of it and never twice', async () => {
    await saveIntoFault();
    expect(store.counts()).toEqual(failure.committed ? MARIA_NOTE : {});
    expect(store.duplicateKeys()).toEqual([]);
  });

  it('saves the note exactly once when the save is tried again', async () => {
    const { writer } = await saveIntoFault();
    const view = savedView(await writer.save(mariaIndividualDraft, 'final'));
    expect(view.draft).toEqual(writableDraft(mariaIndividualDraft));
    expect(store.counts()).toEqual(MARIA_NOTE);
    expect(store.duplicateKeys()).toEqual([]);
  });
});

describe('PeerNoteWriter.save when the server asks to wait', () => {
  it('waits the Retry-After of a 429 and tries once more by itself', async () => {
    store.failNext(1, 429, { retryAfterSeconds: 2 });
    const result = await noteWriter(createFhirSession(fakeSmartClient())).save(mariaIndividualDraft, 'final');
    expect(result.kind).toBe('saved');
    expect(sleeps).toEqual([2000]);
    expect(store.counts()).toEqual(MARIA_NOTE);
  });

  it('waits the Retry-After of a 503 and tries once more by itself', async () => {
    store.failNext(1, 503, { retryAfterSeconds: 3 });
    const result = await noteWriter(createFhirSession(fakeSmartClient())).save(mariaIndividualDraft, 'final');
    expect(result.kind).toBe('saved');
    expect(sleeps).toEqual([3000]);
    expect(store.writeRequests()).toHaveLength(2);
  });

  it('tries by itself only once, then leaves the decision to the person', async () => {
    store.failNext(2, 429, { retryAfterSeconds: 1 });
    const error = await noteWriter(createFhirSession(fakeSmartClient()))
      .save(mariaIndividualDraft, 'final')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 429 });
    expect(sleeps).toEqual([1000]);
    expect(store.counts()).toEqual({});
  });

  it('does not wait a long Retry-After by itself and says to wait', async () => {
    store.failNext(1, 429, { retryAfterSeconds: 120 });
    const error = await noteWriter(createFhirSession(fakeSmartClient()))
      .save(mariaIndividualDraft, 'final')
      .catch((e: unknown) => e);
    expect(sleeps).toEqual([]);
    expect(error).toMatchObject({ status: 429, retryAfterSeconds: 120 });
    expect(normalizeErrorMessage(error)).toMatch(/wait/i);
  });
});

describe('PeerNoteWriter.save when the token expires', () => {
  it('refreshes the token after a 401 and saves the note once', async () => {
    const client = fakeSmartClient({ refreshToken: 'refresh-1' });
    store.failNext(1, 401);
    const result = await noteWriter(createFhirSession(client)).save(mariaIndividualDraft, 'final');
    expect(result.kind).toBe('saved');
    expect(client.refreshes).toBe(1);
    expect(store.counts()).toEqual(MARIA_NOTE);
  });

  it('refreshes a token the server no longer accepts and goes on with the new one', async () => {
    const client = fakeSmartClient({ refreshToken: 'refresh-1' });
    store.revokeToken('token-1');
    const result = await noteWriter(createFhirSession(client)).save(mariaIndividualDraft, 'final');
    expect(result.kind).toBe('saved');
    expect(client.token).toBe('token-2');
    expect(store.counts()).toEqual(MARIA_NOTE);
  });

  it('reports an ended session when the refresh is refused, and writes nothing', async () => {
    store.revokeToken('token-1');
    const client = fakeSmartClient({ refreshToken: 'refresh-1', refuseRefresh: true });
    await expect(
      noteWriter(createFhirSession(client)).save(mariaIndividualDraft, 'final'),
    ).rejects.toBeInstanceOf(SessionExpiredError);
    expect(store.counts()).toEqual({});
  });

  it('reports an ended session on a 401 when there is no refresh token', async () => {
    store.failNext(1, 401);
    await expect(
      noteWriter(createFhirSession(fakeSmartClient())).save(mariaIndividualDraft, 'final'),
    ).rejects.toBeInstanceOf(SessionExpiredError);
  });

  it('saves the note once from a new launch after the session ended', async () => {
    store.failNext(1, 401);
    await noteWriter(createFhirSession(fakeSmartClient()))
      .save(mariaIndividualDraft, 'final')
      .catch(() => undefined);
    const result = await noteWriter(createFhirSession(fakeSmartClient())).save(mariaIndividualDraft, 'final');
    expect(result.kind).toBe('saved');
    expect(store.counts()).toEqual(MARIA_NOTE);
  });
});

describe('PeerNoteWriter.save of a note someone else changed', () => {
  async function savedMaria() {
    const writer = noteWriter(createFhirSession(fakeSmartClient()));
    const view = savedView(await writer.save(mariaIndividualDraft, 'final'));
    return { writer, view };
  }

  const amended = {
    ...mariaIndividualDraft,
    narrative: `${mariaIndividualDraft.narrative} She sang a verse.`,
  };

  it('rejects the update as a version conflict when the record changed since it was read', async () => {
    const { writer, view } = await savedMaria();
    store.changeElsewhere('Encounter', view.encounterId ?? '', (encounter) => ({
      ...encounter,
      reasonCode: [{ text: 'Reviewed by Dr. Sam Okafor' }],
    }));
    const error = await writer.save(amended, 'final', view).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VersionConflictError);
    expect(error).toMatchObject({ status: 412 });
  });

  it('still reports a conflict when someone else changed the words the update would write', async () => {
    const { writer, view } = await savedMaria();
    const narrative = observations().find((o) => o.valueString === mariaIndividualDraft.narrative);
    store.changeElsewhere('Observation', narrative?.id ?? '', (observation) => ({
      ...observation,
      valueString: 'Corrected by Dr. Sam Okafor.',
    }));
    await expect(writer.save(amended, 'final', view)).rejects.toBeInstanceOf(VersionConflictError);
    expect(store.read('Observation', narrative?.id ?? '')).toMatchObject({
      valueString: 'Corrected by Dr. Sam Okafor.',
    });
  });

  it('keeps the other person’s version and writes none of the update', async () => {
    const { writer, view } = await savedMaria();
    store.changeElsewhere('Encounter', view.encounterId ?? '', (encounter) => ({
      ...encounter,
      reasonCode: [{ text: 'Reviewed by Dr. Sam Okafor' }],
    }));
    const before = { encounter: encounterOf(view.encounterId), observations: observations() };
    await writer.save(amended, 'final', view).catch(() => undefined);
    expect(encounterOf(view.encounterId)).toEqual(before.encounter);
    expect(encounterOf(view.encounterId).reasonCode).toEqual([{ text: 'Reviewed by Dr. Sam Okafor' }]);
    expect(observations()).toEqual(before.observations);
    expect(store.counts()).toEqual(MARIA_NOTE);
  });

  it('rejects the update with 409 when the server reports a conflict, and changes nothing', async () => {
    const { writer, view } = await savedMaria();
    const before = observations();
    store.failNext(1, 409);
    const error = await writer.save(amended, 'final', view).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VersionConflictError);
    expect(error).toMatchObject({ status: 409 });
    expect(observations()).toEqual(before);
  });
});

describe('PeerNoteWriter.save retried after an update whose answer was lost', () => {
  const amended = {
    ...mariaIndividualDraft,
    narrative: `${mariaIndividualDraft.narrative} She sang a verse.`,
  };

  /** Maria's note is in the record; its amendment commits, but the answer never arrives. */
  async function amendmentLost() {
    const writer = noteWriter(createFhirSession(fakeSmartClient()));
    const view = savedView(await writer.save(mariaIndividualDraft, 'final'));
    store.failNext(1, 'drop-after-commit');
    await expect(writer.save(amended, 'final', view)).rejects.toBeInstanceOf(NetworkError);
    return { writer, view };
  }

  it('reports the update as saved when the retry meets 412 and the record holds the same words', async () => {
    const { writer, view } = await amendmentLost();
    const retried = savedView(await writer.save(amended, 'final', view));
    expect(retried.draft.narrative).toBe(amended.narrative);
    expect(retried.encounterId).toBe(view.encounterId);
    expect(store.requests.filter((r) => r.bundleType === 'transaction')).toHaveLength(3);
  });

  it('writes nothing twice when it tells a lost answer from a conflict', async () => {
    const { writer, view } = await amendmentLost();
    const retried = savedView(await writer.save(amended, 'final', view));
    expect(store.counts()).toEqual({ ...MARIA_NOTE, Provenance: 2 });
    expect(store.duplicateKeys()).toEqual([]);
    expect(await writer.save(amended, 'final', retried)).toMatchObject({ kind: 'saved', requestCount: 0 });
  });

  it('reports a conflict when the retry meets 412 and the record holds other words', async () => {
    const { writer, view } = await amendmentLost();
    const other = { ...amended, narrative: `${mariaIndividualDraft.narrative} She sang two verses.` };
    await expect(writer.save(other, 'final', view)).rejects.toBeInstanceOf(VersionConflictError);
  });

  it('reports entered in error as done when its answer was lost and the retry meets 412', async () => {
    const writer = noteWriter(createFhirSession(fakeSmartClient()));
    const view = savedView(await writer.save(mariaIndividualDraft, 'final'));
    store.failNext(1, 'drop-after-commit');
    await writer.markEnteredInError(view, 'Wrong person').catch(() => undefined);
    const retried = savedView(await writer.markEnteredInError(view, 'Wrong person'));
    expect(retried.recordStatus).toBe('entered-in-error');
    expect(encounterOf(view.encounterId).status).toBe('entered-in-error');
  });
});

describe('PeerNoteWriter.save, idempotent', () => {
  it('writes one set of resources when the same draft is saved twice at once', async () => {
    const writer = noteWriter(createFhirSession(fakeSmartClient()));
    const [first, second] = await Promise.all([
      writer.save(mariaIndividualDraft, 'final'),
      writer.save(mariaIndividualDraft, 'final'),
    ]);
    expect(store.counts()).toEqual(MARIA_NOTE);
    expect(store.duplicateKeys()).toEqual([]);
    expect(savedView(first).encounterId).toBe(savedView(second).encounterId);
  });

  it('writes nothing when a saved note is saved again unchanged', async () => {
    const writer = noteWriter(createFhirSession(fakeSmartClient()));
    const view = savedView(await writer.save(mariaIndividualDraft, 'final'));
    const requestsBefore = store.requests.length;
    const again = await writer.save(mariaIndividualDraft, 'final', view);
    expect(again).toMatchObject({ kind: 'saved', requestCount: 0 });
    expect(store.requests).toHaveLength(requestsBefore);
  });

  it('writes one request for a first save whatever order the draft’s fields were typed in', async () => {
    const typedBackwards = Object.fromEntries(
      Object.entries(mariaIndividualDraft).reverse(),
    ) as typeof mariaIndividualDraft;
    const result = await noteWriter(createFhirSession(fakeSmartClient())).save(typedBackwards, 'final');
    expect(result).toMatchObject({ kind: 'saved', requestCount: 1 });
    expect(store.counts()).toEqual(MARIA_NOTE);
  });

  it('writes nothing for a draft with problems and lists them', async () => {
    const writer = noteWriter(createFhirSession(fakeSmartClient()));
    const result = await writer.save({ ...mariaIndividualDraft, durationMinutes: 0 }, 'final');
    expect(result.kind).toBe('invalid');
    expect(result.kind === 'invalid' ? result.problems.map((p) => p.field) : []).toContain('durationMinutes');
    expect(store.requests).toEqual([]);
  });
});

describe('PeerNoteWriter.save of a draft, then its submission', () => {
  const mariaDraft = { ...mariaIndividualDraft, status: 'draft' as const };

  it('stores a saved draft as an in-progress Encounter with preliminary Observations', async () => {
    const writer = noteWriter(createFhirSession(fakeSmartClient()));
    const view = savedView(await writer.save(mariaDraft, 'draft'));
    expect(view.recordStatus).toBe('draft');
    expect(encounterOf(view.encounterId).status).toBe('in-progress');
    expect(new Set(observations().map((o) => o.status))).toEqual(new Set(['preliminary']));
  });

  it('submits the saved draft as a finished Encounter with final Observations, still one Encounter', async () => {
    const writer = noteWriter(createFhirSession(fakeSmartClient()));
    const draftView = savedView(await writer.save(mariaDraft, 'draft'));
    const view = savedView(await writer.save(mariaDraft, 'final', draftView));
    expect(view.encounterId).toBe(draftView.encounterId);
    expect(encounterOf(view.encounterId).status).toBe('finished');
    expect(new Set(observations().map((o) => o.status))).toEqual(new Set(['final']));
    expect(store.counts()).toEqual({ ...MARIA_NOTE, Provenance: 2 });
    expect(store.duplicateKeys()).toEqual([]);
  });

  it('brings a draft whose answer was lost up to date when it is then submitted', async () => {
    const writer = noteWriter(createFhirSession(fakeSmartClient()));
    store.failNext(1, 'drop-after-commit');
    await writer.save(mariaDraft, 'draft').catch(() => undefined);
    const view = savedView(await writer.save(mariaDraft, 'final'));
    expect(view.draft.status).toBe('final');
    expect(encounterOf(view.encounterId).status).toBe('finished');
    expect(store.count('Encounter')).toBe(1);
    expect(store.duplicateKeys()).toEqual([]);
  });
});

describe('PeerNoteWriter.save on a server without transactions', () => {
  beforeEach(() => {
    store = createFhirStore({ transaction: false });
    server.use(...store.handlers);
  });

  function writerReadingMetadata(): PeerNoteWriter {
    const session = createFhirSession(fakeSmartClient());
    return noteWriter(session, { capabilities: () => loadServerCapabilities(session) });
  }

  it('writes the note as ordered conditional creates, never as a transaction', async () => {
    const view = savedView(await writerReadingMetadata().save(mariaIndividualDraft, 'final'));
    expect(store.requests.some((r) => r.bundleType === 'transaction')).toBe(false);
    expect(store.counts()).toEqual(MARIA_NOTE);
    expect(new Set(observations().map((o) => o.encounter?.reference))).toEqual(
      new Set([`Encounter/${view.encounterId ?? ''}`]),
    );
  });

  it('writes each resource once when an answer is lost part-way and the save is tried again', async () => {
    const writer = writerReadingMetadata();
    store.failNext(1, 'drop-after-commit', { when: (r) => r.method === 'POST' && r.path === 'Observation' });
    await expect(writer.save(mariaIndividualDraft, 'final')).rejects.toBeInstanceOf(NetworkError);
    const result = await writer.save(mariaIndividualDraft, 'final');
    expect(result.kind).toBe('saved');
    expect(store.counts()).toEqual(MARIA_NOTE);
    expect(store.duplicateKeys()).toEqual([]);
  });
});

describe('PeerNoteWriter.save on a server that answers writes tersely', () => {
  function writerFor(options: Parameters<typeof createFhirStore>[0]): PeerNoteWriter {
    store = createFhirStore(options);
    server.use(...store.handlers);
    const session = createFhirSession(fakeSmartClient());
    return noteWriter(session, { capabilities: () => loadServerCapabilities(session) });
  }

  it('reads the note back in one batch when the transaction answers with locations only', async () => {
    const result = await writerFor({ replies: 'location-only' }).save(mariaIndividualDraft, 'final');
    expect(result).toMatchObject({ kind: 'saved', requestCount: 2 });
    expect(savedView(result).draft).toEqual(writableDraft(mariaIndividualDraft));
    expect(store.requests.filter((r) => r.bundleType === 'batch')).toHaveLength(1);
    expect(store.counts()).toEqual(MARIA_NOTE);
  });

  it('finds what it wrote by identifier when the transaction answers with nothing', async () => {
    const result = await writerFor({ replies: 'empty' }).save(mariaIndividualDraft, 'final');
    expect(result).toMatchObject({ kind: 'saved', requestCount: 2 });
    expect(savedView(result).draft).toEqual(writableDraft(mariaIndividualDraft));
    expect(store.counts()).toEqual(MARIA_NOTE);
  });

  it('searches for each created resource when a server without transactions answers with nothing', async () => {
    const writer = writerFor({ transaction: false, replies: 'empty' });
    const result = await writer.save(mariaIndividualDraft, 'final');
    expect(savedView(result).draft).toEqual(writableDraft(mariaIndividualDraft));
    expect(
      store.requests.filter((r) => r.method === 'GET' && r.search.startsWith('identifier=')),
    ).not.toHaveLength(0);
    expect(store.counts()).toEqual(MARIA_NOTE);
  });

  it('rejects when the batch that reads the note back answers an entry with 404', async () => {
    const writer = writerFor({ replies: 'location-only' });
    server.use(
      http.post(STORE_BASE, async ({ request }) => {
        const sent = (await request.clone().json()) as Bundle;
        if (sent.type !== 'batch') {
          return undefined;
        }
        return HttpResponse.json({
          resourceType: 'Bundle',
          type: 'batch-response',
          entry: (sent.entry ?? []).map(() => ({ response: { status: '404 Not Found' } })),
        });
      }),
    );
    const error = await writer.save(mariaIndividualDraft, 'final').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FhirHttpError);
    expect(error).toMatchObject({ status: 404 });
  });

  it('saves exactly once when a terse answer is lost and the save is tried again', async () => {
    const writer = writerFor({ replies: 'location-only' });
    store.failNext(1, 'drop-after-commit');
    await writer.save(mariaIndividualDraft, 'final').catch(() => undefined);
    const result = await writer.save(mariaIndividualDraft, 'final');
    expect(result.kind).toBe('saved');
    expect(store.counts()).toEqual(MARIA_NOTE);
    expect(store.duplicateKeys()).toEqual([]);
  });
});
