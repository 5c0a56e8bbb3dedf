/**
 * "My people": the rows of a peer's caseload, built from one CareTeam page (patients included) and
 * one search of the peer Encounters (follow-up Tasks revincluded) for the people on that page.
 * Pure: the time is an argument, so days-ago and the quiet flag are deterministic in tests. The page
 * is read in caseload-page, the searches are in caseload-queries, the orders in caseload-sort.
 */
import type { Encounter, Task } from 'fhir/r4';
import type { CaseloadEntry } from './caseload-page';
import { nextContactOf } from './next-contact';
import { isFollowUpTask, readFollowUpRequest } from './follow-up-requests';
import { textOf } from './guards';
import { parseReference } from './references';
import { isPeerEncounter } from './view-index';

/** Days without a peer contact after which a row is quietly flagged. */
export const QUIET_AFTER_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

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
