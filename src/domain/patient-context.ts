/**
 * The first screen's picture of the person: problems, goals, care team, recent encounters, peer
 * contacts, open follow-ups and who is signed in, read from whatever answers the server gave (one
 * batch, or a few searches where batch is refused). A section that could not be read is listed in
 * `unavailable`, so the UI says so instead of showing "none".
 */
import type { Condition, Encounter, Goal, Patient, Resource, Task } from 'fhir/r4';
import { careTeamMembers, type CareTeamMember } from './care-team-members';
import { CATEGORY } from './codes';
import type { ContextSection, PatientContextRequest } from './patient-context-queries';
import { CONTEXT_SECTIONS, type SectionAnswers } from './patient-context-sections';
import { buildNameDirectory, type NameDirectory } from './person-names';
import { signedInUser, type SignedInUser } from './signed-in-user';
import { NO_PEER_RECOGNITION, type PeerRecognition } from './user-role';
import { isPeerEncounter } from './view-index';

export type { CareTeamMember } from './care-team-members';
export type { ContextSection, PatientContextRequest } from './patient-context-queries';
export type { SignedInUser } from './signed-in-user';

export interface PatientContext {
  readonly patient?: Patient;
  readonly problems: readonly Condition[];
  readonly goals: readonly Goal[];
  readonly careTeam: readonly CareTeamMember[];
  /** Clinical encounters only: peer contacts are listed apart. */
  readonly recentEncounters: readonly Encounter[];
  /** The latest peer support encounters, drafts included. */
  readonly peerContacts: readonly Encounter[];
  /** Follow-up requests from peers still waiting for a clinician (Task status requested). */
  readonly followUps: readonly Task[];
  readonly user?: SignedInUser;
  /** Names for the people the sections refer to, and those still to read (person-names.ts). */
  readonly names: NameDirectory;
  /** Sections the server refused or failed to return, so the UI can say so instead of showing "none". */
  readonly unavailable: readonly ContextSection[];
}

function ofType<T extends Resource>(resources: readonly Resource[], type: T['resourceType']): T[] {
  return resources.filter((r): r is T => r.resourceType === type);
}

const INACTIVE_CONDITION_STATUSES = new Set(['inactive', 'resolved', 'remission']);
const CLOSED_GOAL_STATUSES = new Set(['cancelled', 'entered-in-error', 'rejected', 'completed']);

function isActiveProblem(condition: Condition): boolean {
  if (
    condition.verificationStatus?.coding?.some((c) => c.code === 'entered-in-error' || c.code === 'refuted')
  ) {
    return false;
  }
  const status = condition.clinicalStatus?.coding?.[0]?.code;
  return status === undefined || !INACTIVE_CONDITION_STATUSES.has(status);
}

function encounterTime(encounter: Encounter): number {
  const time = Date.parse(encounter.period?.start ?? encounter.period?.end ?? '');
  return Number.isNaN(time) ? -Infinity : time;
}

function newestFirst(encounters: readonly Encounter[]): Encounter[] {
  return encounters
    .filter((e) => e.status !== 'entered-in-error' && e.status !== 'cancelled')
    .map((encounter) => ({ encounter, time: encounterTime(encounter) }))
    .sort((a, b) => b.time - a.time)
    .map(({ encounter }) => encounter);
}

function isOpenFollowUp(task: Task): boolean {
  return (
    task.status === 'requested' &&
    (task.code?.coding ?? []).some(
      (c) => c.system === CATEGORY.clinicianFollowUp.system && c.code === CATEGORY.clinicianFollowUp.code,
    )
  );
}

/**
 * Reads the sections' answers; a section that failed is listed in `unavailable`, never thrown.
 * Filtering the searches may have dropped (status, type, code) is repeated here, so a server that
 * ignores or does not list a parameter cannot turn done work into open requests.
 */
export function readPatientContext(
  sections: SectionAnswers,
  request: PatientContextRequest,
  recognition: PeerRecognition = NO_PEER_RECOGNITION,
): PatientContext {
  const unavailable: ContextSection[] = [];
  const section = (name: ContextSection): readonly Resource[] => {
    const answer = sections.get(name);
    if (!answer?.ok) {
      unavailable.push(name);
      return [];
    }
    return answer.resources;
  };
  const patient = ofType<Patient>(section('patient'), 'Patient').find((p) => p.id === request.patientId);
  const problems = ofType<Condition>(section('problems'), 'Condition').filter(isActiveProblem);
  const goals = ofType<Goal>(section('goals'), 'Goal').filter(
    (g) => !CLOSED_GOAL_STATUSES.has(g.lifecycleStatus),
  );
  const names = buildNameDirectory(
    [...sections.values()].flatMap((answer) => (answer.ok ? answer.resources : [])),
  );
  const careTeam = careTeamMembers(section('careTeam'), names);
  const recentEncounters = newestFirst(
    ofType<Encounter>(section('encounters'), 'Encounter').filter((e) => !isPeerEncounter(e)),
  );
  const peerContacts = newestFirst(
    ofType<Encounter>(section('peerContacts'), 'Encounter').filter((e) => isPeerEncounter(e)),
  ).slice(0, 5);
  const followUps = ofType<Task>(section('followUps'), 'Task').filter(isOpenFollowUp);
  const user =
    request.fhirUser && sections.has('user')
      ? signedInUser(section('user'), request.fhirUser, recognition, names)
      : undefined;
  return {
    ...(patient ? { patient } : {}),
    problems,
    goals,
    careTeam,
    recentEncounters,
    peerContacts,
    followUps,
    ...(user ? { user } : {}),
    names,
    unavailable: CONTEXT_SECTIONS.filter((name) => unavailable.includes(name)),
  };
}
