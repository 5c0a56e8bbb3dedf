/**
 * One page of a peer's caseload: the people a CareTeam searchset page names, with the Patients it
 * included (`_include=CareTeam:patient`) or read separately where the server ignored the include.
 * https://hl7.org/fhir/R4/search.html#include
 */
import type { Bundle, Patient } from 'fhir/r4';
import { nextLink } from './bundle-links';
import { formatHumanName } from './format';
import { arrayOf, textOf } from './guards';
import { parseReference } from './references';

/** People per CareTeam page: 300 people arrive in 3 pages, the first painted after one request. */
export const CASELOAD_PAGE_SIZE = 100;

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
