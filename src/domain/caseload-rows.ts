/**
 * "My people": the rows of a peer's caseload, built from one CareTeam page (patients included) and
 * one search of the peer Encounters (follow-up Tasks revincluded) for the people on that page.
 * Pure: the time is an argument, so days-ago and the quiet flag are deterministic in tests.
 * https://hl7.org/fhir/R4/search.html#include
 */
import type { Bundle, Encounter, Patient, Task } from 'fhir/r4';
import { nextLink } from './bundle-links';
import { CATEGORY } from './codes';
import { formatHumanName } from './format';
import { nextContactOf } from './next-contact';
import { isFollowUpTask, readFollowUpRequest } from './follow-up-requests';
import { arrayOf, textOf } from './guards';
import { parseReference } from './references';
import { searchPath, type QueryParam } from './search-query';
import {
  ASSUMED_CAPABILITIES,
  supportsRevInclude,
  supportsSearchParam,
  supportsSort,
  type ServerCapabilities,
} from './server-capabilities';
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
  /** People whose Patient the server did not include (it ignores `_include`): read them separately. */
  readonly unnamed: readonly string[];
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
  /** The next contact planned in the latest peer note (a date), if it planned one. */
  readonly nextContact?: string;
  readonly openFollowUps: readonly { readonly reason: string; readonly status: string }[];
  /** In-progress peer Encounters on the server plus this user's local drafts. */
  readonly draftsInProgress: number;
  /**
   * The contacts search has more pages still to come and none of this person's contacts were on
   * the pages read so far: their last contact is unknown, not "never".
   */
  readonly contactsPending: boolean;
  /** No peer contact in QUIET_AFTER_DAYS days (or never); never set while contacts are pending. */
  readonly quiet: boolean;
  /** The supervisor's review of the latest note ("returned for changes"); filled by supervision. */
  readonly reviewStatus?: string;
}

/** Peer contacts asked for per person on a page, so a page of 100 people fits one answer. */
const CONTACTS_PER_PERSON = 10;
/** Open servers cap `_count`; vendors page earlier. Anything beyond is followed through `next`. */
const MAX_CONTACTS_PAGE = 1000;
const PEER_ENCOUNTER_TOKEN = `${CATEGORY.peerSupportService.system}|${CATEGORY.peerSupportService.code}`;
const FOLLOW_UP_TOKEN = `${CATEGORY.clinicianFollowUp.system}|${CATEGORY.clinicianFollowUp.code}`;

export interface CaseloadContactsPlan {
  /** The peer Encounters of the page's people, newest first where the server sorts. */
  readonly encounters: string;
  /** A separate follow-up Task search, where the server does not list `_revinclude=Task:focus`. */
  readonly tasks?: string;
}

function listed(capabilities: ServerCapabilities, type: string, params: readonly QueryParam[]): QueryParam[] {
  return params.filter(([name]) => supportsSearchParam(capabilities, type, name));
}

/**
 * The peer Encounters of the people on one page, with their follow-up Tasks: one search where the
 * server lists `_revinclude=Task:focus`, else two. Only parameters the statement lists go out (a
 * vendor answers an unlisted one with 400); filtering a server skips is repeated when reading.
 */
export function caseloadContactsQuery(
  patientIds: readonly string[],
  capabilities: ServerCapabilities = ASSUMED_CAPABILITIES,
): CaseloadContactsPlan {
  const people = patientIds.map((id) => `Patient/${id}`).join(',');
  const count = Math.min(Math.max(patientIds.length * CONTACTS_PER_PERSON, 10), MAX_CONTACTS_PAGE);
  const revinclude = supportsRevInclude(capabilities, 'Encounter', 'Task:focus');
  const encounters = searchPath('Encounter', [
    ['patient', people],
    ...listed(capabilities, 'Encounter', [['type', PEER_ENCOUNTER_TOKEN]]),
    ...(supportsSort(capabilities, 'Encounter', ['-date']) ? ([['_sort', '-date']] as const) : []),
    ...(revinclude ? ([['_revinclude', 'Task:focus']] as const) : []),
    ['_count', count],
  ]);
  if (revinclude) {
    return { encounters };
  }
  const tasks = searchPath('Task', [
    ['patient', people],
    ...listed(capabilities, 'Task', [['code', FOLLOW_UP_TOKEN]]),
    ['_count', count],
  ]);
  return { encounters, tasks };
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
  const unnamed: string[] = [];
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
    if (!patient) {
      unnamed.push(subject.id);
    }
    const birthDate = textOf(patient?.birthDate);
    people.set(subject.id, {
      id: subject.id,
      name: formatHumanName(patient?.name) || textOf(team.subject?.display) || 'A person on your caseload',
      ...(birthDate ? { birthDate } : {}),
    });
  }
  const nextUrl = nextLink(bundle);
  return { people: [...people.values()], unnamed, ...(nextUrl ? { nextUrl } : {}) };
}

/** The page with the people the server did not include named from Patients read separately. */
export function withPatients(page: CaseloadPage, patients: readonly Patient[]): CaseloadPage {
  const byId = new Map(patients.flatMap((p) => (p.id ? [[p.id, p] as const] : [])));
  const people = page.people.map((person) => {
    const patient = byId.get(person.id);
    if (!patient) {
      return person;
    }
    const birthDate = textOf(patient.birthDate);
    return {
      id: person.id,
      name: formatHumanName(patient.name) || person.name,
      ...(birthDate ? { birthDate } : {}),
    };
  });
  return { ...page, people, unnamed: page.unnamed.filter((id) => !byId.has(id)) };
}

/** The query for the Patients of people a CareTeam page named without including them. */
export function caseloadPatientsQuery(patientIds: readonly string[]): string {
  return searchPath('Patient', [
    ['_id', patientIds.join(',')],
    ['_count', patientIds.length],
  ]);
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

function patientOf(reference: string | undefined): string | undefined {
  const subject = parseReference(reference);
  return subject?.resourceType === 'Patient' ? subject.id : undefined;
}

/** Follow-ups still waiting on the clinician: asked for, seen, or being worked on. */
const OPEN_TASK_STATUSES: ReadonlySet<string> = new Set(['requested', 'received', 'accepted', 'in-progress']);

export interface CaseloadContacts {
  readonly encounters: readonly Encounter[];
  readonly tasks: readonly Task[];
  /** Patient id -> local drafts of this launch user for that person. */
  readonly localDrafts?: ReadonlyMap<string, number>;
  /** Patient id -> the review of their latest note (`caseloadReviewStatuses` in review-status.ts). */
  readonly reviewStatuses?: ReadonlyMap<string, string>;
  /** False while further pages of the contacts search are still to be read. */
  readonly complete?: boolean;
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
    const person = patientOf(encounter.subject?.reference);
    if (!person || !isPeerEncounter(encounter)) {
      continue;
    }
    peerByPerson.set(person, [...(peerByPerson.get(person) ?? []), encounter]);
    if (encounter.id) {
      encounterPerson.set(`Encounter/${encounter.id}`, person);
    }
  }
  const followUpsByPerson = new Map<string, { reason: string; status: string }[]>();
  const seenTasks = new Set<string>();
  for (const task of contacts.tasks) {
    const request =
      OPEN_TASK_STATUSES.has(task.status) && isFollowUpTask(task) ? readFollowUpRequest(task) : undefined;
    const person =
      patientOf(task.for?.reference) ??
      (request?.encounterRef ? encounterPerson.get(request.encounterRef) : undefined);
    if (!request || !person || seenTasks.has(request.id)) {
      continue;
    }
    seenTasks.add(request.id);
    const list = followUpsByPerson.get(person) ?? [];
    list.push({ reason: request.reason, status: task.status });
    followUpsByPerson.set(person, list);
  }
  return people.map((person) => {
    const encounters = peerByPerson.get(person.id) ?? [];
    const finished = encounters.filter((e) => e.status === 'finished');
    const latestEncounter = finished
      .filter((e) => textOf(e.period?.start) !== undefined)
      .sort((a, b) => (textOf(a.period?.start) ?? '').localeCompare(textOf(b.period?.start) ?? ''))
      .at(-1);
    const lastContactDaysAgo = daysAgo(textOf(latestEncounter?.period?.start), now);
    // The latest note's plan replaces earlier ones: a note that planned nothing shows nothing.
    const nextContact = latestEncounter ? nextContactOf(latestEncounter) : undefined;
    const age = ageOn(person.birthDate, now);
    const drafts =
      encounters.filter((e) => e.status === 'in-progress').length +
      (contacts.localDrafts?.get(person.id) ?? 0);
    const reviewStatus = contacts.reviewStatuses?.get(person.id);
    const contactsPending = contacts.complete === false && lastContactDaysAgo === undefined;
    return {
      id: person.id,
      name: person.name,
      ...(age === undefined ? {} : { age }),
      ...(lastContactDaysAgo === undefined ? {} : { lastContactDaysAgo }),
      ...(nextContact ? { nextContact } : {}),
      openFollowUps: followUpsByPerson.get(person.id) ?? [],
      draftsInProgress: drafts,
      contactsPending,
      quiet: !contactsPending && (lastContactDaysAgo === undefined || lastContactDaysAgo >= QUIET_AFTER_DAYS),
      ...(reviewStatus ? { reviewStatus } : {}),
    };
  });
}

export type CaseloadSortKey = 'name' | 'age' | 'lastContact' | 'nextContact' | 'followUps' | 'drafts';
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
    case 'nextContact':
      // Nothing planned sorts after every date.
      return row.nextContact ?? '\uffff';
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
