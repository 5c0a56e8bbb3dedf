import type { DocumentReference } from 'fhir/r4';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ResourceCapabilities, ServerCapabilities } from '../../src/domain/server-capabilities';
import { DEFAULT_WRITE_PLAN_SITE } from '../../src/domain/write-plan';
import { NetworkError } from '../../src/fhir/fhir-errors';
import { PeerNoteWriter } from '../../src/fhir/peer-note-writer';
import type { SaveNoteResult } from '../../src/fhir/save-note-result';
import { createFhirSession } from '../../src/fhir/smart-session';
import { sessionLedger, sessionRefusals } from '../../src/fhir/write-ledger';
import { NoteRefusedError, NoteRetractionRefusedError } from '../../src/fhir/write-refusals';
import {
  FIXTURE_NOW,
  fixtureContext,
  mariaIndividualDraft,
  sequentialUuids,
} from '../../mocks/fixtures/drafts';
import { fakeSmartClient } from '../support/fake-smart-client';
import { createFhirStore, STORE_BASE, type FhirStore } from '../../mocks/fake-fhir-server/fhir-store';

const server = setupServer();
let store: FhirStore;

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  store = createFhirStore({ transaction: false });
  server.use(...store.handlers);
});
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function notes(interactions: readonly string[]): ResourceCapabilities {
  return {
    interactions,
    conditionalCreate: false,
    searchParams: ['identifier'],
    searchInclude: [],
    searchRevInclude: [],
    supportedProfiles: [],
  };
}

/** A server shaped like Epic's for apps: clinical notes only, no transaction, no conditional create. */
function noteOnlyServer(interactions: readonly string[] = ['create', 'read', 'update']): ServerCapabilities {
  return {
    known: true,
    transaction: false,
    batch: false,
    resources: { DocumentReference: notes(interactions) },
  };
}

function writer(capabilities: ServerCapabilities): PeerNoteWriter {
  return new PeerNoteWriter(createFhirSession(fakeSmartClient()), fixtureContext().author, {
    now: () => new Date(FIXTURE_NOW),
    newUuid: sequentialUuids(),
    capabilities: () => Promise.resolve(capabilities),
    sleep: () => Promise.resolve(),
    site: () => DEFAULT_WRITE_PLAN_SITE,
    ledger: sessionLedger(undefined, STORE_BASE),
    refusals: sessionRefusals(undefined, STORE_BASE),
  });
}

function saved(result: SaveNoteResult) {
  if (result.kind !== 'saved') {
    throw new Error(`Expected the note to be saved, but it was ${result.kind}.`);
  }
  return result;
}

function storedNotes(): DocumentReference[] {
  return store
    .all('DocumentReference')
    .filter((r): r is DocumentReference => r.resourceType === 'DocumentReference');
}

describe('PeerNoteWriter on a server that takes only clinical notes', () => {
  it('writes the clinical note alone and shows it saved, by the peer, as signed', async () => {
    const result = saved(await writer(noteOnlyServer()).save(mariaIndividualDraft, 'final'));
    expect(store.counts()).toEqual({ DocumentReference: 1 });
    expect(result.requestCount).toBe(1);
    expect(result.view.recordStatus).toBe('final');
    expect(result.view.author.display).toBe(fixtureContext().author.display);
    expect(result.view.draft.narrative).toBe(mariaIndividualDraft.narrative);
    expect(result.outcome).toMatch(/^Saved to the EHR as a clinical note\./);
  });

  it('leaves one note when a save is tried again after its answer was lost', async () => {
    const notesWriter = writer(noteOnlyServer());
    store.failNext(1, 'drop-after-commit');
    await expect(notesWriter.save(mariaIndividualDraft, 'final')).rejects.toBeInstanceOf(NetworkError);
    saved(await notesWriter.save(mariaIndividualDraft, 'final'));
    expect(store.counts()).toEqual({ DocumentReference: 1 });
  });

  it('amends with a new note that replaces the earlier one, marked superseded', async () => {
    const notesWriter = writer(noteOnlyServer());
    const first = saved(await notesWriter.save(mariaIndividualDraft, 'final'));
    const changed = { ...first.view.draft, narrative: 'Maria chose the Thursday group instead.' };
    const amended = saved(await notesWriter.update(changed, first.view, 'Wrong day'));
    const [earlier, later] = [first.view.clinicalNote?.id, amended.view.clinicalNote?.id];
    expect(storedNotes()).toHaveLength(2);
    expect(store.read('DocumentReference', earlier ?? '')).toMatchObject({ status: 'superseded' });
    expect(store.read('DocumentReference', later ?? '')).toMatchObject({
      status: 'current',
      relatesTo: [{ code: 'replaces', target: { reference: `DocumentReference/${earlier ?? ''}` } }],
    });
    expect(amended.view.draft.narrative).toBe('Maria chose the Thursday group instead.');
  });

  it('says to mark it in the EHR when the server lets no app update a note', async () => {
    const notesWriter = writer(noteOnlyServer(['create', 'read']));
    const first = saved(await notesWriter.save(mariaIndividualDraft, 'final'));
    await expect(notesWriter.markEnteredInError(first.view, 'Wrong person')).rejects.toBeInstanceOf(
      NoteRetractionRefusedError,
    );
    expect(storedNotes().map((n) => n.status)).toEqual(['current']);
  });

  it('keeps a draft in the browser where the server cannot take a draft note', async () => {
    const result = await writer(noteOnlyServer(['create', 'read'])).save(mariaIndividualDraft, 'draft');
    expect(result.kind).toBe('kept');
    expect(store.counts()).toEqual({});
  });

  it('reports a refused note as NoteRefusedError and writes nothing', async () => {
    store.failNext(1, 422);
    const error = await writer(noteOnlyServer())
      .save(mariaIndividualDraft, 'final')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoteRefusedError);
    expect((error as Error).message).toMatch(/Your draft is kept/);
    expect(store.counts()).toEqual({});
  });
});

describe('PeerNoteWriter saving a draft where the server takes only signed notes', () => {
  it('keeps the draft in the browser when the only structured part it could go to is refused', async () => {
    const capabilities: ServerCapabilities = {
      ...noteOnlyServer(['create', 'read', 'update']),
      resources: {
        DocumentReference: notes(['create', 'read', 'update']),
        Encounter: notes(['create', 'read']),
      },
    };
    const draftWriter = writer(capabilities);
    // Oracle Health: a preliminary note is refused, then the Encounter too.
    store.failNext(2, 422);
    const result = await draftWriter.save(mariaIndividualDraft, 'draft');
    expect(result.kind).toBe('kept');
    expect(store.counts()).toEqual({});
  });
});
