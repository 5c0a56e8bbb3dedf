/**
 * The reads behind the first screen, chosen from what the server says it supports. Vendors answer an
 * unlisted search parameter with 400 and ignore `_include` silently, so once the CapabilityStatement is
 * known a search sends only listed parameters, and filtering it drops (status, type, code) is repeated
 * when reading the answer. Before it is known (the optimistic first batch) today's widely supported
 * searches go out and a refusal is answered by planning again with the statement.
 */
import type { Resource } from 'fhir/r4';
import { CATEGORY } from './codes';
import { referenceToId, type ResourceId } from './references';
import { readPath, searchPath, type QueryParam } from './search-query';
import {
  offersResource,
  supportsInclude,
  supportsSearchParam,
  supportsSort,
  type ServerCapabilities,
} from './server-capabilities';

export type ContextSection =
  'patient' | 'problems' | 'goals' | 'careTeam' | 'encounters' | 'peerContacts' | 'followUps' | 'user';

export interface PatientContextRequest {
  readonly patientId: string;
  /** The signed-in user from the token's fhirUser, if it names a Practitioner or PractitionerRole. */
  readonly fhirUser?: ResourceId;
  readonly recentEncounterCount?: number;
}

export interface ContextQuery {
  readonly section: ContextSection;
  /** Relative to the FHIR base; every value encoded. */
  readonly path: string;
}

/** Why a section has no query: nothing to show (not offered), or unknown (no way to search it). */
export type SkipReason = 'not-offered' | 'not-searchable' | 'from-encounters';

export interface ContextPlan {
  readonly queries: readonly ContextQuery[];
  readonly skipped: ReadonlyMap<ContextSection, SkipReason>;
}

/** One query's answer: its resources, or the HTTP status it failed with (undefined: no answer). */
export type QueryAnswer =
  | { readonly ok: true; readonly resources: readonly Resource[] }
  | { readonly ok: false; readonly status?: number };

const PEER_ENCOUNTER_TOKEN = `${CATEGORY.peerSupportService.system}|${CATEGORY.peerSupportService.code}`;
const FOLLOW_UP_TOKEN = `${CATEGORY.clinicianFollowUp.system}|${CATEGORY.clinicianFollowUp.code}`;

interface Planner {
  readonly capabilities: ServerCapabilities;
  /** The optimistic first batch: includes are sent (and what came back is checked) before the statement is known. */
  readonly optimistic: boolean;
}

/**
 * Whether a parameter may go out. `_count` steers the page, not the match, and servers do not list it
 * per resource; `_sort` must be listed itself and needs the parameters it sorts on; `_include` is sent before the statement is
 * known (and what came back is checked) or where the statement lists it, with or without its target.
 */
function sendable(planner: Planner, type: string, [name, value]: QueryParam): boolean {
  const capabilities = planner.capabilities;
  switch (name) {
    case '_count':
      return true;
    case '_sort':
      return supportsSort(capabilities, type, String(value).split(','));
    case '_include': {
      const include = String(value);
      const untargeted = include.split(':').slice(0, 2).join(':');
      return (
        planner.optimistic ||
        supportsInclude(capabilities, type, include) ||
        supportsInclude(capabilities, type, untargeted)
      );
    }
    default:
      return supportsSearchParam(capabilities, type, name);
  }
}

/**
 * A search that needs `required` (e.g. `patient`) to mean anything: without it the section is not
 * searchable; the `optional` parameters are sent only where the server takes them.
 */
function search(
  planner: Planner,
  type: string,
  required: readonly QueryParam[],
  optional: readonly QueryParam[],
): string | undefined {
  if (!required.every((param) => sendable(planner, type, param))) {
    return undefined;
  }
  return searchPath(type, [...required, ...optional.filter((param) => sendable(planner, type, param))]);
}

function userQueries(planner: Planner, user: ResourceId): string[] {
  const hasRoles = offersResource(planner.capabilities, 'PractitionerRole');
  switch (user.resourceType) {
    case 'Practitioner': {
      // Read directly rather than `_include`d: its name and qualification are needed wherever the
      // server ignores includes, and on servers without PractitionerRole it is all there is.
      const roles = hasRoles
        ? search(planner, 'PractitionerRole', [['practitioner', referenceToId('Practitioner', user.id)]], [])
        : undefined;
      return [readPath('Practitioner', user.id), ...(roles ? [roles] : [])];
    }
    case 'PractitionerRole': {
      if (!hasRoles) {
        return [];
      }
      const withPractitioner = search(
        planner,
        'PractitionerRole',
        [['_id', user.id]],
        [['_include', 'PractitionerRole:practitioner']],
      );
      return [withPractitioner ?? readPath('PractitionerRole', user.id)];
    }
    default:
      return [];
  }
}

/**
 * The reads that name the signed-in user and their roles, for a launch without a patient too (the
 * home workspace): the same searches the patient context sends, so both recognise peers alike.
 */
export function signedInUserQueries(user: ResourceId, capabilities: ServerCapabilities): string[] {
  return userQueries({ capabilities, optimistic: !capabilities.known }, user);
}

function plan(request: PatientContextRequest, planner: Planner): ContextPlan {
  const patient = referenceToId('Patient', request.patientId);
  const count = request.recentEncounterCount ?? 10;
  const queries: ContextQuery[] = [];
  const skipped = new Map<ContextSection, SkipReason>();
  const add = (section: ContextSection, type: string, path: () => string | undefined): void => {
    if (!offersResource(planner.capabilities, type)) {
      skipped.set(section, 'not-offered');
      return;
    }
    const built = path();
    if (built === undefined) {
      skipped.set(section, 'not-searchable');
    } else {
      queries.push({ section, path: built });
    }
  };
  const byPatient: QueryParam[] = [['patient', patient]];
  add('patient', 'Patient', () => readPath('Patient', request.patientId));
  add('problems', 'Condition', () =>
    search(planner, 'Condition', byPatient, [['clinical-status', 'active']]),
  );
  add('goals', 'Goal', () => search(planner, 'Goal', byPatient, []));
  add('careTeam', 'CareTeam', () =>
    search(planner, 'CareTeam', byPatient, [
      ['status', 'active'],
      ['_include', 'CareTeam:participant'],
    ]),
  );
  add('encounters', 'Encounter', () =>
    search(planner, 'Encounter', byPatient, [
      ['_sort', '-date'],
      ['_count', count],
    ]),
  );
  if (supportsSearchParam(planner.capabilities, 'Encounter', 'type')) {
    add('peerContacts', 'Encounter', () =>
      search(
        planner,
        'Encounter',
        [...byPatient, ['type', PEER_ENCOUNTER_TOKEN]],
        [
          ['_sort', '-date'],
          ['_count', 5],
        ],
      ),
    );
  } else {
    skipped.set('peerContacts', 'from-encounters');
  }
  // Open follow-ups ride along: a clinician's first screen starts with them.
  add('followUps', 'Task', () =>
    search(planner, 'Task', byPatient, [
      ['code', FOLLOW_UP_TOKEN],
      ['status', 'requested'],
      ['_sort', '-authored-on'],
      ['_count', 50],
    ]),
  );
  if (request.fhirUser) {
    for (const path of userQueries(planner, request.fhirUser)) {
      queries.push({ section: 'user', path });
    }
  }
  return { queries, skipped };
}

/**
 * The optimistic first read, before the CapabilityStatement is known: one batch of the searches
 * most servers take. Whatever it is refused is planned again with {@link planPatientContext}.
 */
export function planOptimisticContext(
  request: PatientContextRequest,
  capabilities: ServerCapabilities,
): ContextPlan {
  return plan(request, { capabilities, optimistic: !capabilities.known });
}

/** The reads for `sections` (default: all) using only what the statement lists. */
export function planPatientContext(
  request: PatientContextRequest,
  capabilities: ServerCapabilities,
  sections?: ReadonlySet<ContextSection>,
): ContextPlan {
  const full = plan(request, { capabilities, optimistic: false });
  if (!sections) {
    return full;
  }
  return {
    queries: full.queries.filter((q) => sections.has(q.section)),
    skipped: new Map([...full.skipped].filter(([section]) => sections.has(section))),
  };
}
