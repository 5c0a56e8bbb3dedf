import type { Encounter } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { CATEGORY } from '../../src/domain/codes';
import type { CaseloadPageRead } from '../../src/fhir/caseload-loader';
import {
  addContacts,
  addPage,
  addReviews,
  caseloadRows,
  EMPTY_CASELOAD,
  followUpTexts,
  INITIAL_SORT,
  lastContactText,
  localDraftCounts,
  nextSort,
} from '../../src/ui/caseload/caseload-model';
import { createDraftStore, draftStorageKey } from '../../src/ui/documentation/draft-store';
import { mariaIndividualDraft } from '../../mocks/fixtures/drafts';
import { memoryStorage } from '../support/memory-storage';
import { cosigned, peerContact, returned, signed } from '../../mocks/fixtures/review-notes';

const NOW = new Date('2026-12-02T12:00:00Z');

function contact(id: string, patient: string, start: string): Encounter {
  return {
    resourceType: 'Encounter',
    id,
    status: 'finished',
    class: { code: 'AMB' },
    type: [{ coding: [CATEGORY.peerSupportService] }],
    subject: { reference: `Patient/${patient}` },
    period: { start },
  };
}

const firstPage: CaseloadPageRead = {
  page: {
    people: [
      { id: 'ana', name: 'Ana Reyes', birthDate: '1980-01-01' },
      { id: 'ben', name: 'Ben Ortiz', birthDate: '1995-06-01' },
    ],
    unnamed: [],
    nextUrl: 'https://fhir.test/CareTeam?_offset=2',
  },
  encounters: [contact('e1', 'ana', '2026-11-30T10:00:00Z')],
  tasks: [],
  next: { encounters: 'https://fhir.test/Encounter?_offset=1' },
};

describe('the caseload model', () => {
  it('adds a page, keeping its next link and its pending contacts', () => {
    const data = addPage(EMPTY_CASELOAD, firstPage);
    expect(data.people).toHaveLength(2);
    expect(data.nextUrl).toBe('https://fhir.test/CareTeam?_offset=2');
    expect(data.pendingContacts).toEqual([firstPage.next]);
  });

  it('lists a person on two care teams once and drops the next link on the last page', () => {
    const again: CaseloadPageRead = {
      page: {
        people: [
          { id: 'ana', name: 'Ana Reyes' },
          { id: 'cy', name: 'Cy Young' },
        ],
        unnamed: [],
      },
      encounters: [contact('e1', 'ana', '2026-11-30T10:00:00Z')],
      tasks: [],
    };
    const data = addPage(addPage(EMPTY_CASELOAD, firstPage), again);
    expect(data.people.map((p) => p.id)).toEqual(['ana', 'ben', 'cy']);
    expect(data.encounters).toHaveLength(1);
    expect(data.nextUrl).toBeUndefined();
  });

  it('shows "loading…" for a person without contacts until the pending pages are read, then "never"', () => {
    const data = addPage(EMPTY_CASELOAD, firstPage);
    const pending = caseloadRows(data, INITIAL_SORT, new Map(), NOW);
    expect(pending.map((row) => [row.name, lastContactText(row)])).toEqual([
      ['Ben Ortiz', 'loading…'],
      ['Ana Reyes', '2 days ago'],
    ]);
    const done = addContacts(data, data.pendingContacts[0] ?? {}, { encounters: [], tasks: [] });
    const rows = caseloadRows(done, INITIAL_SORT, new Map(), NOW);
    expect(rows.map((row) => [row.name, lastContactText(row), row.quiet])).toEqual([
      ['Ben Ortiz', 'never', true],
      ['Ana Reyes', '2 days ago', false],
    ]);
  });

  it('flips the direction of the same column, and starts names ascending and counts descending', () => {
    expect(nextSort(INITIAL_SORT, 'lastContact')).toEqual({ key: 'lastContact', direction: 'ascending' });
    expect(nextSort(INITIAL_SORT, 'name')).toEqual({ key: 'name', direction: 'ascending' });
    expect(nextSort(INITIAL_SORT, 'followUps')).toEqual({ key: 'followUps', direction: 'descending' });
  });

  it('counts a draft kept in this tab for this user and server only', () => {
    const storage = memoryStorage();
    const key = { serverUrl: 'https://fhir.test', user: 'Practitioner/pr-1', patientId: 'ana' };
    createDraftStore(key, storage).save({
      draft: { ...mariaIndividualDraft, patientId: 'ana' },
      participants: {},
      groupSummary: '',
    });
    expect(storage.getItem(draftStorageKey(key))).not.toBeNull();
    expect(localDraftCounts(storage, 'https://fhir.test', 'Practitioner/pr-1', ['ana', 'ben'])).toEqual(
      new Map([['ana', 1]]),
    );
    expect(localDraftCounts(storage, 'https://fhir.test', 'Practitioner/pr-2', ['ana']).size).toBe(0);
  });

  it('says each open follow-up with its status in words', () => {
    const [row] = caseloadRows(
      { ...EMPTY_CASELOAD, people: [{ id: 'ana', name: 'Ana Reyes' }] },
      INITIAL_SORT,
      new Map(),
      NOW,
    );
    expect(
      row && followUpTexts({ ...row, openFollowUps: [{ reason: 'Housing', status: 'accepted' }] }),
    ).toEqual(['Housing (acknowledged)']);
  });

  it("tells the peer, on the person's row, that a supervisor returned or co-signed their latest note", () => {
    const people = [
      { id: 'pt-maria-santos', name: 'Maria Santos' },
      { id: 'pt-dana-ellis', name: 'Dana Ellis' },
    ];
    const data = addReviews({ ...EMPTY_CASELOAD, people }, [
      peerContact('enc-maria-1', 'pt-maria-santos', '2026-11-20T10:00:00Z'),
      signed('enc-maria-1', '2026-11-20T11:00:00Z'),
      cosigned('enc-maria-1', '2026-11-21T09:00:00Z'),
      peerContact('enc-maria-2', 'pt-maria-santos', '2026-11-30T10:00:00Z'),
      signed('enc-maria-2', '2026-11-30T11:00:00Z'),
      returned('enc-maria-2', 'pt-maria-santos', '2026-12-01T09:00:00Z', 'Add her own words about the goal.'),
      peerContact('enc-dana-1', 'pt-dana-ellis', '2026-11-28T10:00:00Z'),
      signed('enc-dana-1', '2026-11-28T11:00:00Z'),
    ]);
    const rows = caseloadRows(data, { key: 'name', direction: 'ascending' }, new Map(), NOW);
    const status = (id: string) => rows.find((row) => row.id === id)?.reviewStatus;
    // The latest note counts: Maria's earlier co-signed note does not hide the returned one.
    expect(status('pt-maria-santos')).toMatch(/^Returned by .+: Add her own words about the goal\.$/);
    expect(status('pt-dana-ellis')).toBe('Awaiting review');
  });
});
