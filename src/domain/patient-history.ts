/**
 * The clinician's history of a person: every Encounter, newest first, a page at a time, each page
 * bringing what belongs to its encounters (Observations, follow-up Tasks, Provenances) and the peers'
 * PractitionerRoles in the same answer. One search per page instead of one request per encounter.
 * https://hl7.org/fhir/R4/search.html#revinclude
 */
import type { Bundle, Encounter, FhirResource, PractitionerRole } from 'fhir/r4';
import { formatCodeableConcept } from './format';
import { arrayOf, isRecord, textOf } from './guards';

/** Encounters per page: about a year of weekly peer contact plus the clinical visits around it. */
export const HISTORY_PAGE_SIZE = 50;

export function patientHistoryQuery(patientId: string, count: number = HISTORY_PAGE_SIZE): string {
  const patient = encodeURIComponent(patientId);
  return [
    `Encounter?patient=Patient/${patient}`,
    '_sort=-date',
    `_count=${count}`,
    '_revinclude=Observation:encounter',
    '_revinclude=Task:focus',
    '_revinclude=Provenance:target',
    '_include=Encounter:participant:PractitionerRole',
  ].join('&');
}

export interface HistoryPage {
  /** The page's matches, in the server's order. */
  readonly encounters: readonly Encounter[];
  /** Everything else the page carried (included and revincluded resources). */
  readonly related: readonly FhirResource[];
  /** The server's `next` link, as given; absent on the last page. */
  readonly nextUrl?: string;
  /** The server's total, when it sent one. */
  readonly total?: number;
}

/** Reads one searchset page; odd entries are skipped, never thrown on. */
export function readHistoryPage(bundle: Bundle): HistoryPage {
  const encounters: Encounter[] = [];
  const related: FhirResource[] = [];
  for (const entry of arrayOf(bundle.entry)) {
    const resource: unknown = isRecord(entry) ? entry.resource : undefined;
    if (!isRecord(resource) || typeof resource.resourceType !== 'string') {
      continue;
    }
    const typed = resource as unknown as FhirResource;
    // A server that marks no search mode still puts matches first: an Encounter is a match unless
    // the server says it was included (a group session pulled in by another reference).
    if (typed.resourceType === 'Encounter' && entry.search?.mode !== 'include') {
      encounters.push(typed);
    } else {
      related.push(typed);
    }
  }
  const next = arrayOf(bundle.link).find((link) => isRecord(link) && link.relation === 'next');
  const nextUrl = textOf(next?.url);
  const total = typeof bundle.total === 'number' ? bundle.total : undefined;
  return {
    encounters,
    related,
    ...(nextUrl ? { nextUrl } : {}),
    ...(total === undefined ? {} : { total }),
  };
}

/** `PractitionerRole/<id>` -> the role as the EHR names it ("Peer Specialist"). */
export function roleLabels(resources: readonly FhirResource[]): Map<string, string> {
  const labels = new Map<string, string>();
  for (const resource of resources) {
    if (resource.resourceType === 'PractitionerRole' && textOf(resource.id)) {
      const role: PractitionerRole = resource;
      const label =
        formatCodeableConcept(arrayOf(role.code)[0]) || formatCodeableConcept(arrayOf(role.specialty)[0]);
      if (label) {
        labels.set(`PractitionerRole/${String(role.id)}`, label);
      }
    }
  }
  return labels;
}
