import type {
  Bundle,
  BundleEntry,
  CareTeam,
  Condition,
  Encounter,
  Goal,
  Patient,
  Practitioner,
  PractitionerRole,
  RelatedPerson,
  Resource,
  Task,
} from 'fhir/r4';
import { CATEGORY } from './codes';
import { formatCodeableConcept, formatHumanName, formatReference } from './format';
import { isPeerEncounter } from './view-index';
import { parseReference, type ResourceId } from './references';
import { classifyUserRole, isPeerRole, type UserRole } from './user-role';

export interface PatientContextRequest {
  readonly patientId: string;
  /** The signed-in user from the token's fhirUser, if it names a Practitioner or PractitionerRole. */
  readonly fhirUser?: ResourceId;
  readonly recentEncounterCount?: number;
}

export type ContextSection =
  'patient' | 'problems' | 'goals' | 'careTeam' | 'encounters' | 'peerContacts' | 'followUps' | 'user';

export interface CareTeamMember {
  readonly name: string;
  readonly role: string;
  readonly reference?: string;
}

export interface SignedInUser {
  readonly name: string;
  readonly role: UserRole;
  /** The fhirUser reference, as the token gave it. */
  readonly reference: string;
  /** `Practitioner/<id>` of the user, when known. */
  readonly practitioner?: string;
  /** `PractitionerRole/<id>` the user works in here (their peer role, if they have one). */
  readonly practitionerRole?: string;
  /** `Organization/<id>` of that role. */
  readonly organization?: string;
}

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
  /** Sections the server refused or failed to return, so the UI can say so instead of showing "none". */
  readonly unavailable: readonly ContextSection[];
}

const SECTION_ORDER: readonly ContextSection[] = [
  'patient',
  'problems',
  'goals',
  'careTeam',
  'encounters',
  'peerContacts',
  'followUps',
  'user',
];

function userQuery(user: ResourceId): string | undefined {
  const id = encodeURIComponent(user.id);
  switch (user.resourceType) {
    case 'Practitioner':
      return `PractitionerRole?practitioner=Practitioner/${id}&_include=PractitionerRole:practitioner`;
    case 'PractitionerRole':
      return `PractitionerRole?_id=${id}&_include=PractitionerRole:practitioner`;
    default:
      return undefined;
  }
}

/**
 * Everything the first screen needs, as one FHIR batch: one round trip, whatever the server's
 * latency. Searches use only widely supported parameters; filtering the server may not do is
 * repeated when reading the answer.
 */
export function buildPatientContextBatch(request: PatientContextRequest): Bundle {
  const patient = encodeURIComponent(request.patientId);
  const count = request.recentEncounterCount ?? 10;
  const urls = [
    `Patient/${patient}`,
    `Condition?patient=Patient/${patient}&clinical-status=active`,
    `Goal?patient=Patient/${patient}`,
    `CareTeam?patient=Patient/${patient}&status=active&_include=CareTeam:participant`,
    `Encounter?patient=Patient/${patient}&_sort=-date&_count=${count}`,
    `Encounter?patient=Patient/${patient}&type=${encodeURIComponent(PEER_ENCOUNTER_TOKEN)}&_sort=-date&_count=5`,
    // Open follow-ups ride in the same round trip: a clinician's first screen starts with them.
    `Task?patient=Patient/${patient}&code=${encodeURIComponent(FOLLOW_UP_TOKEN)}&status=requested&_sort=-authored-on&_count=50`,
  ];
  const user = request.fhirUser ? userQuery(request.fhirUser) : undefined;
  if (user) {
    urls.push(user);
  }
  return {
    resourceType: 'Bundle',
    type: 'batch',
    entry: urls.map((url) => ({ request: { method: 'GET', url } })),
  };
}

function isSuccess(entry: BundleEntry | undefined): boolean {
  const status = entry?.response?.status ?? '';
  return /^2\d\d/.test(status.trim());
}

function resourcesOf(entry: BundleEntry | undefined): Resource[] {
  const resource = entry?.resource;
  if (!resource) {
    return [];
  }
  if (resource.resourceType === 'Bundle') {
    return (resource.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
  }
  return [resource];
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

const PEER_ENCOUNTER_TOKEN = `${CATEGORY.peerSupportService.system}|${CATEGORY.peerSupportService.code}`;
const FOLLOW_UP_TOKEN = `${CATEGORY.clinicianFollowUp.system}|${CATEGORY.clinicianFollowUp.code}`;

function careTeamMembers(resources: readonly Resource[]): CareTeamMember[] {
  const byReference = new Map<string, string>();
  const people = [
    ...ofType<Practitioner>(resources, 'Practitioner'),
    ...ofType<RelatedPerson>(resources, 'RelatedPerson'),
  ];
  for (const person of people) {
    if (person.id) {
      byReference.set(`${person.resourceType}/${person.id}`, formatHumanName(person.name));
    }
  }
  const members: CareTeamMember[] = [];
  const seen = new Set<string>();
  for (const team of ofType<CareTeam>(resources, 'CareTeam')) {
    for (const participant of team.participant ?? []) {
      const parsed = parseReference(participant.member?.reference);
      const reference = parsed ? `${parsed.resourceType}/${parsed.id}` : undefined;
      const name =
        (reference ? byReference.get(reference) : undefined) ?? formatReference(participant.member);
      const role = formatCodeableConcept(participant.role?.[0]);
      const key = `${reference ?? name}|${role}`;
      if (!name || seen.has(key)) {
        continue;
      }
      seen.add(key);
      members.push({ name, role, ...(reference ? { reference } : {}) });
    }
  }
  return members;
}

function signedInUser(resources: readonly Resource[], requested: ResourceId): SignedInUser | undefined {
  const roles = ofType<PractitionerRole>(resources, 'PractitionerRole');
  const practitioners = ofType<Practitioner>(resources, 'Practitioner');
  const practitionerId =
    requested.resourceType === 'Practitioner'
      ? requested.id
      : parseReference(roles.find((r) => r.id === requested.id)?.practitioner?.reference)?.id;
  const practitioner = practitioners.find((p) => p.id === practitionerId);
  const ownRoles = roles.filter(
    (role) =>
      requested.resourceType === 'PractitionerRole' ||
      parseReference(role.practitioner?.reference)?.id === practitionerId,
  );
  const name = formatHumanName(practitioner?.name) || formatReference(ownRoles[0]?.practitioner);
  const workingRole = ownRoles.find(isPeerRole) ?? ownRoles.find((role) => role.active !== false);
  const organization = parseReference(workingRole?.organization?.reference);
  return {
    name: name || 'Signed-in user',
    role: classifyUserRole(ownRoles),
    reference: `${requested.resourceType}/${requested.id}`,
    ...(practitionerId ? { practitioner: `Practitioner/${practitionerId}` } : {}),
    ...(workingRole?.id ? { practitionerRole: `PractitionerRole/${workingRole.id}` } : {}),
    ...(organization ? { organization: `${organization.resourceType}/${organization.id}` } : {}),
  };
}

/** Reads the batch response; each section that failed is listed in `unavailable`, never thrown. */
export function readPatientContextBatch(response: Bundle, request: PatientContextRequest): PatientContext {
  const entries = response.entry ?? [];
  const unavailable: ContextSection[] = [];
  const section = (name: ContextSection): Resource[] => {
    const entry = entries[SECTION_ORDER.indexOf(name)];
    if (!isSuccess(entry)) {
      unavailable.push(name);
      return [];
    }
    return resourcesOf(entry);
  };

  const patient = ofType<Patient>(section('patient'), 'Patient').find((p) => p.id === request.patientId);
  const problems = ofType<Condition>(section('problems'), 'Condition').filter(isActiveProblem);
  const goals = ofType<Goal>(section('goals'), 'Goal').filter(
    (g) => !CLOSED_GOAL_STATUSES.has(g.lifecycleStatus),
  );
  const careTeam = careTeamMembers(section('careTeam'));
  const recentEncounters = newestFirst(
    ofType<Encounter>(section('encounters'), 'Encounter').filter((e) => !isPeerEncounter(e)),
  );
  const peerContacts = newestFirst(
    ofType<Encounter>(section('peerContacts'), 'Encounter').filter((e) => isPeerEncounter(e)),
  );
  // Repeated here: a server that ignores `code` or `status` must not turn done work into open requests.
  const followUps = ofType<Task>(section('followUps'), 'Task').filter(
    (task) =>
      task.status === 'requested' &&
      (task.code?.coding ?? []).some(
        (c) => c.system === CATEGORY.clinicianFollowUp.system && c.code === CATEGORY.clinicianFollowUp.code,
      ),
  );
  const userQueryWasSent = request.fhirUser !== undefined && userQuery(request.fhirUser) !== undefined;
  const user =
    request.fhirUser && userQueryWasSent ? signedInUser(section('user'), request.fhirUser) : undefined;

  return {
    ...(patient ? { patient } : {}),
    problems,
    goals,
    careTeam,
    recentEncounters,
    peerContacts,
    followUps,
    ...(user ? { user } : {}),
    unavailable,
  };
}
