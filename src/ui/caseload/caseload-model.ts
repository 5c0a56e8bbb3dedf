/**
 * The "My people" screen's state: the pages read so far, the contacts behind them, and the sort.
 * Pure functions over plain values, so the screen only renders and the rules are tested without a
 * browser.
 */
import type { Encounter, FhirResource, Task } from 'fhir/r4';
import type { CaseloadEntry } from '../../domain/caseload-page';
import { buildCaseloadRows, type CaseloadRow } from '../../domain/caseload-rows';
import { sortCaseload, type CaseloadSortKey, type SortDirection } from '../../domain/caseload-sort';
import { formatDate } from '../../domain/format';
import { reviewRecordsIn } from '../../domain/note-review';
import { caseloadReviewStatuses } from '../../domain/review-status';
import type { CaseloadContactsRead, CaseloadPageRead, ContactsNext } from '../../fhir/caseload-loader';
import { createDraftStore } from '../documentation/draft-store';

export interface CaseloadData {
  readonly people: readonly CaseloadEntry[];
  readonly encounters: readonly Encounter[];
  readonly tasks: readonly Task[];
  /** The CareTeam search's `next` link: "Show more". */
  readonly nextUrl?: string;
  /** Contact searches with pages still to read (one per caseload page that had more). */
  readonly pendingContacts: readonly ContactsNext[];
  /** Patient id -> the supervisor's review of their latest signed note, read after the paint. */
  readonly reviewStatuses: ReadonlyMap<string, string>;
}

export interface SortState {
  readonly key: CaseloadSortKey;
  readonly direction: SortDirection;
}

/** The list opens with the people longest without contact first: who to reach out to today. */
export const INITIAL_SORT: SortState = { key: 'lastContact', direction: 'descending' };

export const EMPTY_CASELOAD: CaseloadData = {
  people: [],
  encounters: [],
  tasks: [],
  pendingContacts: [],
  reviewStatuses: new Map(),
};

function uniqueById<T extends { id?: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    if (!item.id) {
      return true;
    }
    if (seen.has(item.id)) {
      return false;
    }
    seen.add(item.id);
    return true;
  });
}

/** The data with one more caseload page; a person already listed (on two teams) is listed once. */
export function addPage(data: CaseloadData, read: CaseloadPageRead): CaseloadData {
  const known = new Set(data.people.map((person) => person.id));
  const { nextUrl: _previous, ...rest } = data;
  return {
    ...rest,
    people: [...data.people, ...read.page.people.filter((person) => !known.has(person.id))],
    encounters: uniqueById([...data.encounters, ...read.encounters]),
    tasks: uniqueById([...data.tasks, ...read.tasks]),
    ...(read.page.nextUrl ? { nextUrl: read.page.nextUrl } : {}),
    pendingContacts: read.next ? [...data.pendingContacts, read.next] : data.pendingContacts,
  };
}

/** The data with the contacts of one pending search read (further pages stay pending). */
export function addContacts(
  data: CaseloadData,
  from: ContactsNext,
  more: CaseloadContactsRead,
): CaseloadData {
  const others = data.pendingContacts.filter((pending) => pending !== from);
  return {
    ...data,
    encounters: uniqueById([...data.encounters, ...more.encounters]),
    tasks: uniqueById([...data.tasks, ...more.tasks]),
    pendingContacts: more.next ? [...others, more.next] : others,
  };
}

/**
 * The data with the reviews of some people's notes (their signed Encounters with the co-signing
 * Provenances and returning Communications): "Returned by …: <comment>" is how a peer learns of it.
 */
export function addReviews(data: CaseloadData, resources: readonly FhirResource[]): CaseloadData {
  const encounters = resources.filter((r): r is Encounter => r.resourceType === 'Encounter');
  const statuses = caseloadReviewStatuses(encounters, reviewRecordsIn(resources));
  return { ...data, reviewStatuses: new Map([...data.reviewStatuses, ...statuses]) };
}

/** The rows on screen, sorted; `localDrafts` are the peer's unsaved notes in this tab. */
export function caseloadRows(
  data: CaseloadData,
  sort: SortState,
  localDrafts: ReadonlyMap<string, number>,
  now: Date,
): CaseloadRow[] {
  const rows = buildCaseloadRows(
    data.people,
    {
      encounters: data.encounters,
      tasks: data.tasks,
      localDrafts,
      reviewStatuses: data.reviewStatuses,
      complete: data.pendingContacts.length === 0,
    },
    now,
  );
  return sortCaseload(rows, sort.key, sort.direction);
}

/** Pressing a column's sort button: the same column flips, another starts in its natural order. */
export function nextSort(current: SortState, key: CaseloadSortKey): SortState {
  if (current.key === key) {
    return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  }
  const ascending = key === 'name' || key === 'age' || key === 'nextContact';
  return { key, direction: ascending ? 'ascending' : 'descending' };
}

/** The unsaved notes this user has in this tab for each person (drafts are kept per person). */
export function localDraftCounts(
  storage: Storage | undefined,
  serverUrl: string,
  user: string,
  patientIds: readonly string[],
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const patientId of patientIds) {
    if (createDraftStore({ serverUrl, user, patientId }, storage).load()) {
      counts.set(patientId, 1);
    }
  }
  return counts;
}

/** "today", "1 day ago", "12 days ago", "never", or "loading…" while contacts are still read. */
export function lastContactText(row: CaseloadRow): string {
  if (row.contactsPending) {
    return 'loading…';
  }
  const days = row.lastContactDaysAgo;
  if (days === undefined) {
    return 'never';
  }
  if (days === 0) {
    return 'today';
  }
  return days === 1 ? '1 day ago' : `${String(days)} days ago`;
}

/** The planned date in words, "(passed)" once the day is over; "none planned" without one. */
export function nextContactText(row: CaseloadRow, now: Date): string {
  if (!row.nextContact) {
    return 'none planned';
  }
  const passed = row.nextContact < now.toISOString().slice(0, 10);
  return `${formatDate(row.nextContact)}${passed ? ' (passed)' : ''}`;
}

const FOLLOW_UP_STATUS: Readonly<Record<string, string>> = {
  requested: 'waiting',
  received: 'received',
  accepted: 'acknowledged',
  'in-progress': 'in progress',
};

/** Each open follow-up as "reason (status)"; statuses in words a peer uses. */
export function followUpTexts(row: CaseloadRow): string[] {
  return row.openFollowUps.map((f) => `${f.reason} (${FOLLOW_UP_STATUS[f.status] ?? f.status})`);
}
