/**
 * How the parts of a peer note (its Observations, QuestionnaireResponses, follow-up Task and
 * Provenances) are read with its
 * Encounters. `_revinclude` is sent only where the CapabilityStatement lists it: servers that do not
 * support it ignore it silently (the SMART reference launcher's does), and a note without its parts
 * reads as "nothing recorded". Elsewhere the parts come from one search per part for a page of
 * encounters, with only listed parameters; a part that could not be fetched is "not loaded", which
 * the views show as such, never as none. https://hl7.org/fhir/R4/search.html#revinclude
 */
import { CATEGORY } from './codes';
import type { QueryParam } from './search-query';
import { searchPath } from './search-query';
import {
  offersResource,
  supportsInteraction,
  supportsRevInclude,
  supportsSearchParam,
  type ServerCapabilities,
} from './server-capabilities';
import { referenceToId } from './references';

export type NotePart = 'observations' | 'responses' | 'tasks' | 'provenances';

/** Which parts were fetched for a set of encounters; false means unknown, not none. */
export type LoadedParts = Readonly<Record<NotePart, boolean>>;

export const ALL_PARTS_LOADED: LoadedParts = {
  observations: true,
  responses: true,
  tasks: true,
  provenances: true,
};

export const ALL_NOTE_PARTS: ReadonlySet<NotePart> = new Set([
  'observations',
  'responses',
  'tasks',
  'provenances',
]);
const NOTE_PARTS: readonly NotePart[] = [...ALL_NOTE_PARTS];

const REVINCLUDE: Readonly<Record<NotePart, string>> = {
  observations: 'Observation:encounter',
  responses: 'QuestionnaireResponse:encounter',
  tasks: 'Task:focus',
  provenances: 'Provenance:target',
};

const PART_TYPE: Readonly<Record<NotePart, string>> = {
  observations: 'Observation',
  responses: 'QuestionnaireResponse',
  tasks: 'Task',
  provenances: 'Provenance',
};

/**
 * Whether PeerBridge may have written this part here. QuestionnaireResponses are written only where
 * the server lists their create and the peer Encounter's (write-plan.ts), so elsewhere (Epic, Oracle
 * Health) none of a peer note's is there to read and no request is spent looking: the instruments
 * are in the note.
 */
function mayHoldPart(capabilities: ServerCapabilities, part: NotePart): boolean {
  const type = PART_TYPE[part];
  if (part === 'responses') {
    return (
      offersResource(capabilities, type) &&
      supportsInteraction(capabilities, type, 'create') &&
      supportsInteraction(capabilities, 'Encounter', 'create')
    );
  }
  return offersResource(capabilities, type);
}

/** The `_revinclude`s an Encounter search may carry here, and the parts they bring. */
export function revIncludesFor(capabilities: ServerCapabilities): {
  readonly params: QueryParam[];
  readonly parts: ReadonlySet<NotePart>;
} {
  const parts = NOTE_PARTS.filter((part) => supportsRevInclude(capabilities, 'Encounter', REVINCLUDE[part]));
  return { params: parts.map((part) => ['_revinclude', REVINCLUDE[part]]), parts: new Set(parts) };
}

export interface PartQuery {
  readonly part: NotePart;
  readonly path: string;
}

/** Enough for a page of encounters' parts in one answer; a longer answer is paged. */
const PART_PAGE_SIZE = 500;

function token(coding: { readonly system?: string; readonly code?: string }): string {
  return `${coding.system ?? ''}|${coding.code ?? ''}`;
}

function partQuery(
  capabilities: ServerCapabilities,
  part: NotePart,
  patientId: string,
  encounterRefs: readonly string[],
): string | undefined {
  const type = PART_TYPE[part];
  const listed = (name: string): boolean => supportsSearchParam(capabilities, type, name);
  const count: QueryParam[] = [['_count', PART_PAGE_SIZE]];
  const patient: QueryParam = ['patient', referenceToId('Patient', patientId)];
  const encounters = encounterRefs.join(',');
  switch (part) {
    case 'observations':
      if (listed('encounter')) {
        return searchPath(type, [['encounter', encounters], ...count]);
      }
      return listed('patient') && listed('category')
        ? searchPath(type, [patient, ['category', token(CATEGORY.peerSupport)], ...count])
        : undefined;
    case 'responses':
      if (listed('encounter')) {
        return searchPath(type, [['encounter', encounters], ...count]);
      }
      return listed('patient') ? searchPath(type, [patient, ...count]) : undefined;
    case 'tasks':
      if (listed('focus')) {
        return searchPath(type, [['focus', encounters], ...count]);
      }
      return listed('patient') && listed('code')
        ? searchPath(type, [patient, ['code', token(CATEGORY.clinicianFollowUp)], ...count])
        : undefined;
    case 'provenances':
      return listed('target') ? searchPath(type, [['target', encounters], ...count]) : undefined;
  }
}

/**
 * The searches for the parts `missing` from a page of encounters, and the parts no listed search can
 * fetch (left not loaded). A part whose resource the server does not offer is known to be absent.
 */
export function partQueries(
  capabilities: ServerCapabilities,
  patientId: string,
  encounterRefs: readonly string[],
  missing: ReadonlySet<NotePart>,
): { readonly queries: PartQuery[]; readonly unfetchable: NotePart[]; readonly absent: NotePart[] } {
  const queries: PartQuery[] = [];
  const unfetchable: NotePart[] = [];
  const absent: NotePart[] = [];
  for (const part of NOTE_PARTS.filter((p) => missing.has(p))) {
    if (!mayHoldPart(capabilities, part)) {
      absent.push(part);
      continue;
    }
    const path =
      encounterRefs.length > 0 ? partQuery(capabilities, part, patientId, encounterRefs) : undefined;
    if (path) {
      queries.push({ part, path });
    } else if (encounterRefs.length > 0) {
      unfetchable.push(part);
    }
  }
  return { queries, unfetchable, absent };
}

/** The parts that were fetched, as flags for the views. */
export function loadedParts(fetched: ReadonlySet<NotePart>): LoadedParts {
  return {
    observations: fetched.has('observations'),
    responses: fetched.has('responses'),
    tasks: fetched.has('tasks'),
    provenances: fetched.has('provenances'),
  };
}
