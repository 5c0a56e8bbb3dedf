import { describe, expect, it, vi } from 'vitest';
import { PEOPLE, peerContact, signed } from '../../../mocks/fixtures/review-notes';
import { ALL_PARTS_LOADED } from '../../../src/domain/note-parts';
import { resourcesToView, type PeerEncounterView } from '../../../src/domain/peer-encounter-view';
import { buildReviewQueue } from '../../../src/domain/review-queue';
import { NetworkError } from '../../../src/fhir/fhir-errors';
import { ReviewRefusedError } from '../../../src/fhir/note-review-writer';
import { createReviewModel, type ReviewDataSource } from '../../../src/ui/review/review-model';

const resources = [
  peerContact('enc-maria-1', 'pt-maria-santos', '2026-03-02T15:00:00Z'),
  peerContact('enc-dana-1', 'pt-dana-ellis', '2026-03-03T10:00:00Z'),
  signed('enc-maria-1', '2026-03-02T16:00:00Z'),
  signed('enc-dana-1', '2026-03-03T11:00:00Z'),
];
const queue = buildReviewQueue(resources, PEOPLE);
const [dana, maria] = queue as [(typeof queue)[number], (typeof queue)[number]];

function viewOf(encounterId: string): PeerEncounterView | undefined {
  return resourcesToView(resources, `Encounter/${encounterId}`, ALL_PARTS_LOADED)[0];
}

function source(overrides: Partial<ReviewDataSource> = {}): ReviewDataSource {
  return {
    loadQueue: () => Promise.resolve({ notes: queue, complete: true }),
    loadNote: (note) => Promise.resolve(viewOf(note.encounterId)),
    cosign: () =>
      Promise.resolve({ kind: 'written', resource: signed('enc-maria-1', '2026-03-04T09:00:00Z') }),
    returnNote: () =>
      Promise.resolve({ kind: 'written', resource: { resourceType: 'Communication', status: 'completed' } }),
    ...overrides,
  };
}

async function loadedModel(overrides: Partial<ReviewDataSource> = {}) {
  const model = createReviewModel(source(overrides));
  await model.reload();
  return model;
}

describe('the review model', () => {
  it('lists the queue as the source gives it, newest signature first', async () => {
    const model = await loadedModel();
    expect(model.load.value).toEqual({ kind: 'ready' });
    expect(model.notes.value.map((n) => n.personName)).toEqual(['Dana Ellis', 'Maria Santos']);
  });

  it('opens a note read-only, as the record holds it', async () => {
    const model = await loadedModel();
    await model.open(maria);
    expect(model.opened.value).toMatchObject({ kind: 'ready', note: maria });
  });

  it('co-signs the open note, takes it off the queue and says so', async () => {
    const cosign = vi.fn(source().cosign);
    const model = await loadedModel({ cosign });
    await model.open(maria);
    await model.cosign();
    expect(cosign).toHaveBeenCalledWith(maria);
    expect(model.notes.value).toEqual([dana]);
    expect(model.opened.value).toBeUndefined();
    expect(model.announcement.value).toBe('Co-signed Maria Santos’s note of Mar 2, 2026.');
  });

  it('will not return a note without a comment, and sends the comment when there is one', async () => {
    const returnNote = vi.fn(source().returnNote);
    const model = await loadedModel({ returnNote });
    await model.open(dana);
    expect(model.canReturn.value).toBe(false);
    await model.returnWithComment();
    expect(returnNote).not.toHaveBeenCalled();
    expect(model.status.value).toMatchObject({ kind: 'failed', action: 'return' });
    model.setComment('Please add what Dana said about the job interview.');
    expect(model.canReturn.value).toBe(true);
    await model.returnWithComment();
    expect(returnNote).toHaveBeenCalledWith(dana, 'Please add what Dana said about the job interview.');
    expect(model.announcement.value).toBe(
      'Returned Dana Ellis’s note of Mar 3, 2026 to Alex Rivera with your comment.',
    );
  });

  it('keeps the note open with the reason when the co-signature fails, and lets the supervisor retry', async () => {
    const cosign = vi
      .fn<ReviewDataSource['cosign']>()
      .mockRejectedValueOnce(new NetworkError(false))
      .mockImplementation(source().cosign);
    const model = await loadedModel({ cosign });
    await model.open(maria);
    await model.cosign();
    expect(model.status.value.kind).toBe('failed');
    expect(model.opened.value?.note).toBe(maria);
    expect(model.notes.value).toHaveLength(2);
    await model.cosign();
    expect(model.notes.value).toEqual([dana]);
  });

  it('shows a refusal in the words the writer gives, and does not pretend the note was co-signed', async () => {
    const refusal = new ReviewRefusedError('cosign', 'This EHR does not let apps co-sign notes.');
    const model = await loadedModel({ cosign: () => Promise.reject(refusal) });
    await model.open(maria);
    await model.cosign();
    expect(model.status.value).toEqual({
      kind: 'failed',
      action: 'cosign',
      message: 'This EHR does not let apps co-sign notes.',
      refused: true,
    });
    expect(model.announcement.value).toBe('');
    expect(model.notes.value).toHaveLength(2);
  });

  it('says why the queue could not be loaded', async () => {
    const model = await loadedModel({ loadQueue: () => Promise.reject(new NetworkError(false)) });
    expect(model.load.value.kind).toBe('failed');
  });
});
