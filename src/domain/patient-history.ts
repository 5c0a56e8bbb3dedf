/**
 * The clinician's history of a person: every Encounter, newest first, a page at a time, each page
 * bringing what belongs to its encounters (Observations, follow-up Tasks, Provenances) and the peers'
 * PractitionerRoles in the same answer where the server lists those `_revinclude`s and `_include`s;
 * elsewhere the parts come from one search per part per page (note-parts.ts).
 * https://hl7.org/fhir/R4/search.html#revinclude
 */
import type { Bundle, Encounter, FhirResource, PractitionerRole } from 'fhir/r4';
import { formatCodeableConcept } from './format';
import { nextLink } from './bundle-links';
import { arrayOf, isRecord, textOf } from './guards';
import { ALL_PARTS_LOADED, revIncludesFor, type LoadedParts, type NotePart } from './note-parts';
import type { NotesPage } from './patient-notes-query';
import { searchPath, type QueryParam } from './search-query';
import {
  ASSUMED_CAPABILITIES,
  supportsInclude,
  supportsSort,
  type ServerCapabilities,
} from './server-capabilities';
import { referenceToId } from './references';

/** Encounters per page: about a year of weekly peer contact plus the clinical visits around it. */
export const HISTORY_PAGE_SIZE = 50;

const ROLE_INCLUDE = 'Encounter:participant:PractitionerRole';

export interface HistoryQuery {
  readonly path: string;
  /** The note parts the search brings with its encounters. */
  readonly parts: ReadonlySet<NotePart>;
}

export function patientHistoryQuery(
  patientId: string,
  capabilities: ServerCapabilities = ASSUMED_CAPABILITIES,
  count: number = HISTORY_PAGE_SIZE,
): HistoryQuery {
  const revIncludes = revIncludesFor(capabilities);
  const roles =
    supportsInclude(capabilities, 'Encounter', ROLE_INCLUDE) ||
    supportsInclude(capabilities, 'Encounter', 'Encounter:participant');
  const params: QueryParam[] = [
    ['patient', referenceToId('Patient', patientId)],
    // Newest first where the server sorts; elsewhere the timeline orders what the pages bring.
    ...(supportsSort(capabilities, 'Encounter', ['-date']) ? [['_sort', '-date'] as const] : []),
    ['_count', count],
    ...revIncludes.params,
    ...(roles ? [['_include', ROLE_INCLUDE] as const] : []),
  ];
  return { path: searchPath('Encounter', params), parts: revIncludes.parts };
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
  /** Which parts of the page's notes were fetched: a part not loaded is unknown, not absent. */
  readonly loaded: LoadedParts;
  /** The page of the patient's clinical notes read with it; absent when none was asked for. */
  readonly notes?: NotesPage;
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
  const nextUrl = nextLink(bundle);
  const total = typeof bundle.total === 'number' ? bundle.total : undefined;
  return {
    encounters,
    related,
    ...(nextUrl ? { nextUrl } : {}),
    ...(total === undefined ? {} : { total }),
    loaded: ALL_PARTS_LOADED,
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
        labels.set(referenceToId('PractitionerRole', String(role.id)), label);
      }
    }
  }
  return labels;
}
