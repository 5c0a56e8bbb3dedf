/**
 * The searches behind "My people" beyond the CareTeam page: the page's peer Encounters with their
 * follow-up Tasks (`_revinclude=Task:focus` where listed), and the Patients the page did not include.
 */
import { CATEGORY } from './codes';
import { searchPath, type QueryParam } from './search-query';
import {
  ASSUMED_CAPABILITIES,
  supportsRevInclude,
  supportsSearchParam,
  supportsSort,
  type ServerCapabilities,
} from './server-capabilities';

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

/** The query for the Patients of people a CareTeam page named without including them. */
export function caseloadPatientsQuery(patientIds: readonly string[]): string {
  return searchPath('Patient', [
    ['_id', patientIds.join(',')],
    ['_count', patientIds.length],
  ]);
}
