/**
 * The searches behind the program report, chosen from what the server says it can do (its
 * CapabilityStatement, https://hl7.org/fhir/R4/capabilitystatement.html). Vendors answer an unlisted
 * search parameter with 400 and lenient servers silently match nothing, so a parameter is sent only
 * where it is listed; a narrowing parameter that is missing (date, code, type) is left out and the
 * report filters what comes back, and a search that cannot be made at all becomes a gap the screen
 * names, instead of a failure.
 */
import { referenceToId } from './references';
import { CATEGORY, OBSERVATION_CODE, SCORE_MEASURES } from './codes';
import type { ReportGap } from './program-report';
import { ACUTE_WINDOW_DAYS } from './program-report-acute-care';
import type { ReportRange } from './program-report-range';
import type { QueryParam } from './search-query';
import { searchPath } from './search-query';
import type { ServerCapabilities } from './server-capabilities';
import { supportsInteraction, supportsSearchParam } from './server-capabilities';

/** Search results asked for per page: one page holds a small program's quarter. */
export const REPORT_PAGE_SIZE = 200;
/** People per search: a comma list of references (an OR, https://hl7.org/fhir/R4/search.html#combining). */
export const PEOPLE_PER_SEARCH = 20;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface ReportSearchPlan {
  /** The user's care teams; undefined when the server cannot search them by participant. */
  readonly caseload: string | undefined;
  /** The parameter naming the person on each type ('patient' or 'subject'); undefined: cannot search. */
  readonly personParam: {
    readonly Encounter: string | undefined;
    readonly Observation: string | undefined;
    readonly Task: string | undefined;
  };
  readonly encounterDate: boolean;
  readonly encounterType: boolean;
  readonly observationDate: boolean;
  readonly observationCode: boolean;
  /** What cannot be read here; a `people` or `contacts` gap means no report can be built. */
  readonly gaps: readonly ReportGap[];
}

/** The parts without which there is no report at all. */
export function isBlockingGap(gap: ReportGap): boolean {
  return gap.part === 'people' || gap.part === 'contacts';
}

/**
 * Whether the token lets the user search this type across people: a `user/` (or `system/`) scope,
 * v2 with `s` or v1 `read`/`*`; `patient/` scopes reach only the launch's patient. A token response
 * that names no scope is taken at its word later: a refused search is handled where it happens.
 * https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html
 */
export function userScopeAllowsSearch(grantedScope: string, resourceType: string): boolean {
  const scopes = grantedScope.split(' ').filter((scope) => scope !== '');
  if (scopes.length === 0) {
    return true;
  }
  return scopes.some((scope) => {
    const match = /^(user|system)\/([A-Za-z]+|\*)\.([a-z*]+)(?:\?.*)?$/.exec(scope);
    if (!match || (match[2] !== resourceType && match[2] !== '*')) {
      return false;
    }
    const permissions = match[3] ?? '';
    return (
      permissions === 'read' ||
      permissions === '*' ||
      (/^c?r?u?d?s?$/.test(permissions) && permissions.includes('s'))
    );
  });
}

function searchable(
  capabilities: ServerCapabilities,
  grantedScope: string,
  type: string,
  params: readonly string[],
): string | undefined {
  if (!userScopeAllowsSearch(grantedScope, type) || !supportsInteraction(capabilities, type, 'search-type')) {
    return undefined;
  }
  return params.find((param) => supportsSearchParam(capabilities, type, param));
}

/**
 * Which searches the report can make on this server. `userRefs` are the references a care team may
 * list the user by (their Practitioner and the PractitionerRole they work in).
 */
export function planReportSearches(
  capabilities: ServerCapabilities,
  userRefs: readonly string[],
  grantedScope = '',
): ReportSearchPlan {
  const gaps: ReportGap[] = [];
  /** A missing search, told as the scope IT must grant or as the search the server lacks. */
  const missing = (type: string, what: string, search: string): string =>
    userScopeAllowsSearch(grantedScope, type)
      ? `This EHR offers no ${search} (not in its CapabilityStatement), so ${what}.`
      : `PeerBridge was not granted user/${type}.rs (access beyond one chart), so ${what}. Ask IT to grant user/${type}.rs for launches without a patient.`;
  const careTeams = searchable(capabilities, grantedScope, 'CareTeam', ['participant']);
  if (userRefs.length === 0) {
    gaps.push({
      part: 'people',
      message:
        'PeerBridge does not know who you are in this EHR (the sign-in gave no practitioner), so it cannot find the people on your care teams. Ask IT to grant the fhirUser scope.',
    });
  } else if (!careTeams) {
    gaps.push({
      part: 'people',
      message: missing(
        'CareTeam',
        'PeerBridge cannot find the care teams you are on, nor whose figures to count',
        'CareTeam search by participant',
      ),
    });
  }
  const encounterParam = searchable(capabilities, grantedScope, 'Encounter', ['patient', 'subject']);
  if (!encounterParam) {
    gaps.push({
      part: 'contacts',
      message: missing(
        'Encounter',
        'contacts and acute care cannot be counted',
        'Encounter search by patient',
      ),
    });
  }
  const observationParam = searchable(capabilities, grantedScope, 'Observation', ['patient', 'subject']);
  if (!observationParam) {
    gaps.push({
      part: 'measures',
      message: missing('Observation', 'scores cannot be read', 'Observation search by patient'),
    });
  }
  const taskParam = searchable(capabilities, grantedScope, 'Task', ['patient', 'subject']);
  if (!taskParam) {
    gaps.push({
      part: 'follow-ups',
      message: missing('Task', 'follow-up requests cannot be read', 'Task search by patient'),
    });
  }
  const encounterType = supportsSearchParam(capabilities, 'Encounter', 'type');
  const encounterDate = supportsSearchParam(capabilities, 'Encounter', 'date');
  // Without a date filter every encounter is read, the earliest peer contact among them.
  if (encounterParam && encounterDate && !encounterType) {
    gaps.push({
      part: 'first-contact',
      message: `This EHR cannot search encounters by type, so a first peer contact is the earliest one from ${ACUTE_WINDOW_DAYS} days before the range on; someone seen before that and again in the range may count as new.`,
    });
  }
  return {
    caseload: careTeams && userRefs.length > 0 ? caseloadSearch(userRefs) : undefined,
    personParam: { Encounter: encounterParam, Observation: observationParam, Task: taskParam },
    encounterDate,
    encounterType,
    observationDate: supportsSearchParam(capabilities, 'Observation', 'date'),
    observationCode: supportsSearchParam(capabilities, 'Observation', 'code'),
    gaps,
  };
}

/**
 * Every care team the user is on, active or not: a report on a past quarter counts people whose
 * team has since closed. No `_include`: the report needs the people's ids, not their names.
 */
function caseloadSearch(userRefs: readonly string[]): string {
  return searchPath('CareTeam', [
    ['participant', userRefs.join(',')],
    ['_count', REPORT_PAGE_SIZE],
  ]);
}

export function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function token(system: string, code: string): string {
  return `${system}|${code}`;
}

/** The codes the report reads as measures: the recovery check-in and the scored instruments. */
function measureCodes(): string {
  return [OBSERVATION_CODE.checkIn, ...SCORE_MEASURES.map((m) => m.coding)]
    .map((c) => token(c.system, c.code))
    .join(',');
}

/**
 * The searches for one group of people. Encounters from 90 days before the range to 90 days after
 * it (acute care either side of a first contact anywhere in the range), plus their earlier peer
 * contacts where the server can search by type (so someone engaged long ago is not counted as new);
 * scores in the range; their follow-up requests.
 */
export function reportSearches(
  plan: ReportSearchPlan,
  people: readonly string[],
  range: ReportRange,
): string[] {
  const subjects = people.map((id) => referenceToId('Patient', id)).join(',');
  const from = shiftDay(range.from, -ACUTE_WINDOW_DAYS);
  const to = shiftDay(range.to, ACUTE_WINDOW_DAYS);
  const count: QueryParam = ['_count', REPORT_PAGE_SIZE];
  const searches: string[] = [];
  const { Encounter: encounterParam, Observation: observationParam, Task: taskParam } = plan.personParam;
  if (encounterParam) {
    const dates: QueryParam[] = plan.encounterDate
      ? [
          ['date', `ge${from}`],
          ['date', `le${to}`],
        ]
      : [];
    searches.push(searchPath('Encounter', [[encounterParam, subjects], ...dates, count]));
    if (plan.encounterType && plan.encounterDate) {
      const peer = CATEGORY.peerSupportService;
      searches.push(
        searchPath('Encounter', [
          [encounterParam, subjects],
          ['type', token(peer.system, peer.code)],
          ['date', `lt${from}`],
          count,
        ]),
      );
    }
  }
  if (observationParam) {
    searches.push(
      searchPath('Observation', [
        [observationParam, subjects],
        ...(plan.observationCode ? [['code', measureCodes()] as const] : []),
        ...(plan.observationDate
          ? [['date', `ge${range.from}`] as const, ['date', `le${range.to}`] as const]
          : []),
        count,
      ]),
    );
  }
  if (taskParam) {
    searches.push(searchPath('Task', [[taskParam, subjects], count]));
  }
  return searches;
}
