import type { Bundle } from 'fhir/r4';
import { formatHumanName } from './format';
import { parseReference } from './references';
import { searchPath } from './search-query';

export interface CaseloadPerson {
  readonly id: string;
  readonly name: string;
}

/** The query for the people whose care teams the user is on, with the patients included. */
export function caseloadQuery(user: string, count = 200): string {
  return searchPath('CareTeam', [
    ['participant', user],
    ['status', 'active'],
    ['_include', 'CareTeam:patient'],
    ['_count', count],
  ]);
}

/**
 * The people on the user's caseload, from a CareTeam searchset. Patients the server included give
 * the names; a team whose patient was not included still counts, named by its reference's display.
 */
export function readCaseload(bundle: Bundle, excludePatientId?: string): CaseloadPerson[] {
  const resources = (bundle.entry ?? []).flatMap((entry) => (entry.resource ? [entry.resource] : []));
  const names = new Map<string, string>();
  for (const resource of resources) {
    if (resource.resourceType === 'Patient' && resource.id) {
      names.set(resource.id, formatHumanName(resource.name));
    }
  }
  const people = new Map<string, CaseloadPerson>();
  for (const resource of resources) {
    if (resource.resourceType !== 'CareTeam') {
      continue;
    }
    const team = resource;
    const subject = parseReference(team.subject?.reference);
    if (subject?.resourceType !== 'Patient' || subject.id === excludePatientId || people.has(subject.id)) {
      continue;
    }
    const name = names.get(subject.id) || team.subject?.display || 'A person on your caseload';
    people.set(subject.id, { id: subject.id, name });
  }
  return [...people.values()].sort((a, b) => a.name.localeCompare(b.name));
}
