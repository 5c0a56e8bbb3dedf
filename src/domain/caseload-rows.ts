/**
 * "My people": the rows of a peer's caseload, built from one CareTeam page (patients included) and
 * one search of the peer Encounters (follow-up Tasks revincluded) for the people on that page.
 * Pure: the time is an argument, so days-ago and the quiet flag are deterministic in tests.
 * https://hl7.org/fhir/R4/search.html#include
 */
import type { Bundle, Encounter, Patient, Task } from 'fhir/r4';
import { formatHumanName } from './format';
import { openFollowUps } from './follow-up-requests';
import { arrayOf, isRecord, textOf } from './guards';
import { parseReference } from './references';
import { searchPath } from './search-query';
import { isPeerEncounter } from './view-index';

/** People per CareTeam page: 300 people arrive in 3 pages, the first painted after one request. */
export const CASELOAD_PAGE_SIZE = 100;
/** Days without a peer contact after which a row is quietly flagged. */
export const QUIET_AFTER_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

export interface CaseloadEntry {
  readonly id: string;
  readonly name: string;
  readonly birthDate?: string;
}

export interface CaseloadPage {
  readonly people: readonly CaseloadEntry[];
  /** The server's `next` link, as given; absent on the last page. */
  readonly nextUrl?: string;
}

export interface CaseloadRow {
  readonly id: string;
  readonly name: string;
  /** Whole years on `now`; undefined when the birth date is missing or unreadable. */
  readonly age?: number;
  /** Whole days since the latest peer contact; undefined when there was none. */
  readonly lastContactDaysAgo?: number;
  readonly openFollowUps: readonly { readonly reason: string; readonly status: string }[];
  /** In-progress peer Encounters on the server plus this user's local drafts. */
  readonly draftsInProgress: number;
  /** No peer contact in QUIET_AFTER_DAYS days (or never). */
  readonly quiet: boolean;
  /** The supervisor's review of the latest note ("returned for changes"); filled by supervision. */
  readonly reviewStatus?: string;
}

/** The peer Encounters of the people on one page, with their follow-up Tasks, in one search. */
export function caseloadContactsQuery(patientIds: readonly string[]): string {
  return searchPath('Encounter', [
    ['patient', patientIds.map((id) => `Patient/${id}`).join(',')],
    ['_revinclude', 'Task:focus'],
    ['_count', Math.max(patientIds.length * 10, 10)],
  ]);
}

/** Reads one CareTeam searchset page; odd entries are skipped, never thrown on. */
export function readCaseloadPage(bundle: Bundle): CaseloadPage {
  const patients = new Map<string, Patient>();
  for (const entry of arrayOf(bundle.entry)) {
    const resource = entry.resource;
    if (resource?.resourceType === 'Patient' && textOf(resource.id)) {
      patients.set(resource.id ?? '', resource);
    }
  }
  const people = new Map<string, CaseloadEntry>();
  for (const entry of arrayOf(bundle.entry)) {
    const team = entry.resource;
    if (team?.resourceType !== 'CareTeam') {
      continue;
    }
    const subject = parseReference(team.subject?.reference);
    if (subject?.resourceType !== 'Patient' || people.has(subject.id)) {
      continue;
    }
    const patient = patients.get(subject.id);
    const birthDate = textOf(patient?.birthDate);
    people.set(subject.id, {
      id: subject.id,
      name: formatHumanName(patient?.name) || textOf(team.subject?.display) || 'A person on your caseload',
      ...(birthDate ? { birthDate } : {}),
    });
  }
  const next = arrayOf(bundle.link).find((link) => isRecord(link) && link.relation === 'next');
  const nextUrl = textOf(next?.url);
  return { people: [...people.values()], ...(nextUrl ? { nextUrl } : {}) };
}

/** Whole years between a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD) and `now`. */
export function ageOn(birthDate: string | undefined, now: Date): number | undefined {
  const match = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(birthDate ?? '');
  if (!match) {
    return undefined;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2] ?? 1), Number(match[3] ?? 1)];
  const beforeBirthday =
    now.getUTCMonth() + 1 < month || (now.getUTCMonth() + 1 === month && now.getUTCDate() < day);
  const age = now.getUTCFullYear() - year - (beforeBirthday ? 1 : 0);
  return age >= 0 ? age : undefined;
}

/** Whole days from an instant to `now`; undefined for an unreadable instant. */
export function daysAgo(instant: string | undefined, now: Date): number | undefined {
  const at = Date.parse(instant ?? '');
  return Number.isNaN(at) ? undefined : Math.max(0, Math.floor((now.getTime() - at) / DAY_MS));
}

function subjectId(encounter: Encounter): string | undefined {
  const subject = parseReference(encounter.subject?.reference);
  return subject?.resourceType === 'Patient' ? subject.id : undefined;
}

export interface CaseloadContacts {
  readonly encounters: readonly Encounter[];
  readonly tasks: readonly Task[];
  /** Patient id -> local drafts of this launch user for that person. */
  readonly localDrafts?: ReadonlyMap<string, number>;
  /** Patient id -> the review of their latest note (`caseloadReviewStatuses` in review-status.ts). */
  readonly reviewStatuses?: ReadonlyMap<string, string>;
}

/** One row per person, in the page's order; non-peer Encounters do not count as contact. */
export function buildCaseloadRows(
  people: readonly CaseloadEntry[],
  contacts: CaseloadContacts,
  now: Date,
): CaseloadRow[] {
  const peerByPerson = new Map<string, Encounter[]>();
  const encounterPerson = new Map<string, string>();
  for (const encounter of contacts.encounters) {
    const person = subjectId(encounter);
    if (!person || !isPeerEncounter(encounter)) {
      continue;
    }
    peerByPerson.set(person, [...(peerByPerson.get(person) ?? []), encounter]);
    if (encounter.id) {
      encounterPerson.set(`Encounter/${encounter.id}`, person);
    }
  }
  const followUpsByPerson = new Map<string, { reason: string; status: string }[]>();
  for (const request of openFollowUps(contacts.tasks)) {
    const person = request.encounterRef ? encounterPerson.get(request.encounterRef) : undefined;
    if (person) {
      const list = followUpsByPerson.get(person) ?? [];
      list.push({ reason: request.reason, status: request.task.status });
      followUpsByPerson.set(person, list);
    }
  }
  return people.map((person) => {
    const encounters = peerByPerson.get(person.id) ?? [];
    const finished = encounters.filter((e) => e.status === 'finished');
    const latest = finished
      .map((e) => textOf(e.period?.start))
      .filter((start): start is string => start !== undefined)
      .sort()
      .at(-1);
    const lastContactDaysAgo = daysAgo(latest, now);
    const age = ageOn(person.birthDate, now);
    const drafts =
      encounters.filter((e) => e.status === 'in-progress').length +
      (contacts.localDrafts?.get(person.id) ?? 0);
    const reviewStatus = contacts.reviewStatuses?.get(person.id);
    return {
      id: person.id,
      name: person.name,
      ...(age === undefined ? {} : { age }),
      ...(lastContactDaysAgo === undefined ? {} : { lastContactDaysAgo }),
      openFollowUps: followUpsByPerson.get(person.id) ?? [],
      draftsInProgress: drafts,
      quiet: lastContactDaysAgo === undefined || lastContactDaysAgo >= QUIET_AFTER_DAYS,
      ...(reviewStatus ? { reviewStatus } : {}),
    };
  });
}

export type CaseloadSortKey = 'name' | 'age' | 'lastContact' | 'followUps' | 'drafts';
export type SortDirection = 'ascending' | 'descending';

function sortValue(row: CaseloadRow, key: CaseloadSortKey): string | number {
  switch (key) {
    case 'name':
      return row.name;
    case 'age':
      return row.age ?? Number.POSITIVE_INFINITY;
    case 'lastContact':
      // Never contacted sorts as the longest ago.
      return row.lastContactDaysAgo ?? Number.POSITIVE_INFINITY;
    case 'followUps':
      return row.openFollowUps.length;
    case 'drafts':
      return row.draftsInProgress;
  }
}

/** A sorted copy; ties keep name order so the list does not jump between sorts. */
export function sortCaseload(
  rows: readonly CaseloadRow[],
  key: CaseloadSortKey,
  direction: SortDirection,
): CaseloadRow[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const [x, y] = [sortValue(a, key), sortValue(b, key)];
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return sign * order || a.name.localeCompare(b.name);
  });
}
