import { describe, expect, it } from 'vitest';
import { emptyDraft } from '../../../src/domain/peer-encounter-draft';
import {
  createDraftStore,
  draftStorageKey,
  type DraftKey,
  type WorkInProgress,
} from '../../../src/ui/documentation/draft-store';
import { lenaPart2Draft, mariaIndividualDraft } from '../../../mocks/fixtures/drafts';
import { memoryStorage } from '../../support/memory-storage';

const MARIA: DraftKey = {
  serverUrl: 'https://ehr.example.test/fhir',
  user: 'Practitioner/pr-alex-rivera',
  patientId: 'pt-maria-santos',
};

const mariasWork: WorkInProgress = {
  draft: { ...mariaIndividualDraft, status: 'draft' },
  participants: {},
  groupSummary: '',
};

describe('draftStorageKey', () => {
  it('keys the work by server, user and patient', () => {
    expect(draftStorageKey(MARIA)).toBe(
      'peerbridge.work.v1|https://ehr.example.test/fhir|Practitioner/pr-alex-rivera|pt-maria-santos',
    );
  });
});

describe('createDraftStore', () => {
  it('gives back the work it kept, word for word', () => {
    const storage = memoryStorage();
    expect(createDraftStore(MARIA, storage).save(mariasWork)).toBe(true);
    expect(createDraftStore(MARIA, storage).load()).toEqual(mariasWork);
  });

  it('keeps group participants and the group summary', () => {
    const storage = memoryStorage();
    const work: WorkInProgress = {
      ...mariasWork,
      participants: { 'pt-lena-novak': '00000002-0000-4000-8000-000000000001' },
      groupSummary: 'We planned the weekend.',
    };
    createDraftStore(MARIA, storage).save(work);
    expect(createDraftStore(MARIA, storage).load()).toEqual(work);
  });

  it('loads work kept before instruments were asked item by item, with its PHQ-9 total', () => {
    const storage = memoryStorage();
    const old: WorkInProgress = {
      ...mariasWork,
      draft: { ...mariasWork.draft, measures: [{ kind: 'score', code: '44261-6', value: 14 }] },
    };
    storage.setItem(draftStorageKey(MARIA), JSON.stringify(old));
    expect(createDraftStore(MARIA, storage).load()).toEqual(old);
  });

  it('keeps a PHQ-9 answered in part and the follow-up the safety rule took over', () => {
    const storage = memoryStorage();
    const work: WorkInProgress = {
      ...mariasWork,
      draft: {
        ...mariasWork.draft,
        measures: [{ kind: 'instrument', instrument: 'phq-9', answers: { '44250-9': 'LA6569-3' } }],
      },
      followUpBeforeSafety: {
        reason: 'medication-question',
        urgency: 'routine',
        note: 'Asks about the dose.',
      },
    };
    createDraftStore(MARIA, storage).save(work);
    expect(createDraftStore(MARIA, storage).load()).toEqual(work);
  });

  it('loads the work without a follow-up memory it cannot read', () => {
    const storage = memoryStorage();
    storage.setItem(
      draftStorageKey(MARIA),
      JSON.stringify({ ...mariasWork, followUpBeforeSafety: 'routine' }),
    );
    expect(createDraftStore(MARIA, storage).load()).toEqual(mariasWork);
  });

  it('never loads another patient’s work in the same tab', () => {
    const storage = memoryStorage();
    createDraftStore(MARIA, storage).save(mariasWork);
    expect(createDraftStore({ ...MARIA, patientId: 'pt-lena-novak' }, storage).load()).toBeUndefined();
  });

  it('never loads the work of another user or another server', () => {
    const storage = memoryStorage();
    createDraftStore(MARIA, storage).save(mariasWork);
    expect(
      createDraftStore({ ...MARIA, user: 'Practitioner/pr-sam-okafor' }, storage).load(),
    ).toBeUndefined();
    expect(
      createDraftStore({ ...MARIA, serverUrl: 'https://other.example.test/fhir' }, storage).load(),
    ).toBeUndefined();
  });

  it('ignores work under a patient’s key whose draft is about someone else', () => {
    const lenaKey: DraftKey = { ...MARIA, patientId: 'pt-lena-novak' };
    const storage = memoryStorage({ [draftStorageKey(lenaKey)]: JSON.stringify(mariasWork) });
    expect(createDraftStore(lenaKey, storage).load()).toBeUndefined();
  });

  it.each([
    ['cut-off JSON', '{"draft":{"id":"6f1c'],
    ['JSON of another shape', '{"note":"hello"}'],
    [
      'a draft without its lists',
      JSON.stringify({ ...mariasWork, draft: { id: 'd', patientId: 'pt-maria-santos', narrative: '' } }),
    ],
    [
      'participants that are not ids',
      JSON.stringify({ ...mariasWork, participants: { 'pt-lena-novak': 7 } }),
    ],
  ])('ignores %s in storage', (_what, text) => {
    const storage = memoryStorage({ [draftStorageKey(MARIA)]: text });
    expect(createDraftStore(MARIA, storage).load()).toBeUndefined();
  });

  it('says it could not keep the work when storage refuses it', () => {
    const storage = memoryStorage();
    storage.refuseWrites();
    expect(createDraftStore(MARIA, storage).save(mariasWork)).toBe(false);
  });

  it('says it could not keep the work when the browser offers no storage', () => {
    const store = createDraftStore(MARIA, undefined);
    expect(store.save(mariasWork)).toBe(false);
    expect(store.load()).toBeUndefined();
  });

  it('loads nothing, without throwing, from a storage that cannot be read', () => {
    const blocked: Storage = {
      ...memoryStorage(),
      getItem: () => {
        throw new DOMException('Access is denied for this document.', 'SecurityError');
      },
      removeItem: () => {
        throw new DOMException('Access is denied for this document.', 'SecurityError');
      },
    };
    const store = createDraftStore(MARIA, blocked);
    expect(store.load()).toBeUndefined();
    expect(() => store.clear()).not.toThrow();
  });

  it('forgets the work when cleared, and only that patient’s', () => {
    const storage = memoryStorage();
    const lenaKey: DraftKey = { ...MARIA, patientId: 'pt-lena-novak' };
    createDraftStore(MARIA, storage).save(mariasWork);
    createDraftStore(lenaKey, storage).save({ draft: lenaPart2Draft, participants: {}, groupSummary: '' });
    createDraftStore(MARIA, storage).clear();
    expect(createDraftStore(MARIA, storage).load()).toBeUndefined();
    expect(createDraftStore(lenaKey, storage).load()?.draft).toEqual(lenaPart2Draft);
  });

  it('keeps a new, empty note as well as a full one', () => {
    const storage = memoryStorage();
    const work: WorkInProgress = {
      draft: emptyDraft(
        '00000002-0000-4000-8000-000000000001',
        'pt-maria-santos',
        new Date('2026-11-20T17:05:00Z'),
      ),
      participants: {},
      groupSummary: '',
    };
    createDraftStore(MARIA, storage).save(work);
    expect(createDraftStore(MARIA, storage).load()).toEqual(work);
  });
});
