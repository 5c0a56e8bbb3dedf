import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ORGANIZATION, PEOPLE, peerContact, signed, SUPERVISOR } from '../../mocks/fixtures/review-notes';
import { buildReviewQueue, type ReviewNote } from '../../src/domain/review-queue';
import {
  ASSUMED_CAPABILITIES,
  type ResourceCapabilities,
  type ServerCapabilities,
} from '../../src/domain/server-capabilities';
import { NoteReviewWriter, ReviewRefusedError } from '../../src/fhir/note-review-writer';
import { createFhirSession } from '../../src/fhir/smart-session';
import { fakeSmartClient } from '../support/fake-smart-client';
import { createFhirStore, type FhirStore } from '../../mocks/fake-fhir-server/fhir-store';

const server = setupServer();
let store: FhirStore;
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  store = createFhirStore();
  server.use(...store.handlers);
});
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const [note] = buildReviewQueue(
  [
    peerContact('enc-maria-1', 'pt-maria-santos', '2026-03-02T15:00:00Z'),
    signed('enc-maria-1', '2026-03-02T16:00:00Z'),
  ],
  PEOPLE,
) as [ReviewNote];

function writer(capabilities: ServerCapabilities = ASSUMED_CAPABILITIES): NoteReviewWriter {
  return new NoteReviewWriter(
    createFhirSession(fakeSmartClient()),
    { ...SUPERVISOR, organization: ORGANIZATION },
    { now: () => new Date('2026-03-03T09:00:00Z'), capabilities: () => Promise.resolve(capabilities) },
  );
}

const readOnly: ResourceCapabilities = {
  interactions: ['read', 'search-type'],
  conditionalCreate: false,
  searchParams: [],
  searchInclude: [],
  searchRevInclude: [],
  supportedProfiles: [],
};

describe('NoteReviewWriter.cosign', () => {
  it('writes one co-signature Provenance and never touches the note', async () => {
    const result = await writer().cosign(note);
    expect(result.kind).toBe('written');
    expect(store.count('Provenance')).toBe(1);
    expect(store.writeRequests().map((r) => `${r.method} ${r.path}`)).toEqual(['POST Provenance']);
  });

  it('does not co-sign twice when the first answer was lost and the supervisor retries', async () => {
    store.failNext(1, 'drop-after-commit', { when: (r) => r.method === 'POST' });
    const first = await writer()
      .cosign(note)
      .catch((e: unknown) => e);
    expect(first).toBeInstanceOf(Error);
    expect(store.count('Provenance')).toBe(1);
    const retry = await writer().cosign(note);
    expect(retry.kind).toBe('already');
    expect(store.count('Provenance')).toBe(1);
    expect(store.duplicateKeys()).toEqual([]);
  });

  it('says plainly, and writes nothing, where the server takes no Provenance from apps', async () => {
    const epicLike: ServerCapabilities = {
      known: true,
      transaction: false,
      batch: false,
      resources: { Provenance: readOnly },
    };
    const error = await writer(epicLike)
      .cosign(note)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReviewRefusedError);
    expect((error as Error).message).toContain('Co-sign the note in the EHR itself');
    expect(store.writeRequests()).toEqual([]);
  });

  it('reports a refusal by the server as a refusal, not as a co-signature', async () => {
    store.failNext(1, 403, { when: (r) => r.method === 'POST' });
    const error = await writer()
      .cosign(note)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReviewRefusedError);
    expect((error as Error).message).toContain('HTTP 403');
    expect(store.count('Provenance')).toBe(0);
  });
});

describe('NoteReviewWriter.returnNote', () => {
  it('sends the comment to the peer as one Communication, once, however often it is retried', async () => {
    const w = writer();
    expect((await w.returnNote(note, 'Please add her own words.')).kind).toBe('written');
    expect((await w.returnNote(note, 'Please add her own words.')).kind).toBe('already');
    expect(store.count('Communication')).toBe(1);
  });

  it('refuses to return a note without a comment', async () => {
    const error = await writer()
      .returnNote(note, '   ')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReviewRefusedError);
    expect(store.writeRequests()).toEqual([]);
  });
});
