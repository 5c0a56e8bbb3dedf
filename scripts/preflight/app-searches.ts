/**
 * The searches PeerBridge makes, read from the very functions that build them, so the preflight can
 * never drift from the app: a new query parameter in src/domain shows up here without an edit.
 */
import { caseloadQuery } from '../../src/domain/caseload';
import { buildPatientContextBatch } from '../../src/domain/patient-context-batch';
import { planOptimisticContext } from '../../src/domain/patient-context-queries';
import { ASSUMED_CAPABILITIES, type ServerCapabilities } from '../../src/domain/server-capabilities';
import { patientHistoryQuery } from '../../src/domain/patient-history';
import { peerNoteQuery } from '../../src/domain/peer-note-query';
import { ALL_NOTE_PARTS, partQueries } from '../../src/domain/note-parts';
import { ifNoneExistFor, ifNoneExistForTag } from '../../src/domain/resource-keys';

export interface AppSearch {
  /** Which part of the app makes it, for the report. */
  readonly feature: string;
  /** `Encounter?patient=...&_sort=-date`, relative to the FHIR base. */
  readonly query: string;
}

export interface SearchNeeds {
  readonly resourceType: string;
  /** Search parameter codes, including those named by `_sort`. */
  readonly params: ReadonlyMap<string, ReadonlySet<string>>;
  /** `Source:param[:Target]` values of `_include` on this search. */
  readonly includes: ReadonlyMap<string, ReadonlySet<string>>;
  /** `Source:param` values of `_revinclude` on this search. */
  readonly revIncludes: ReadonlyMap<string, ReadonlySet<string>>;
}

const SAMPLE_ID = 'preflight';

/**
 * A server that lists every include: the searches PeerBridge makes where it can. Where the server
 * lists fewer, the app reads the parts one search each instead (note-parts.ts), so a missing include
 * costs requests, not data.
 */
const EVERY_INCLUDE: ServerCapabilities = {
  ...ASSUMED_CAPABILITIES,
  known: true,
  resources: Object.fromEntries(
    ['Encounter', 'Observation'].map((type) => [
      type,
      {
        interactions: [],
        conditionalCreate: false,
        searchParams: [],
        searchInclude: ['*'],
        searchRevInclude: ['*'],
        supportedProfiles: [],
      },
    ]),
  ),
};

/** Written by conditional create; Provenance has no identifier in R4, so its key rides in `_tag`. */
const CONDITIONALLY_CREATED = ['Goal', 'Encounter', 'Observation', 'Task'] as const;

export function appSearches(): AppSearch[] {
  const contextSearches = (fhirUser: 'Practitioner' | 'PractitionerRole'): string[] =>
    (
      buildPatientContextBatch(
        planOptimisticContext(
          { patientId: SAMPLE_ID, fhirUser: { resourceType: fhirUser, id: SAMPLE_ID } },
          ASSUMED_CAPABILITIES,
        ),
      ).entry ?? []
    ).flatMap((entry) => (entry.request?.url.includes('?') ? [entry.request.url] : []));
  const firstScreen = new Set([...contextSearches('Practitioner'), ...contextSearches('PractitionerRole')]);
  return [
    ...[...firstScreen].map((query) => ({ feature: 'first screen', query })),
    { feature: 'clinician history', query: patientHistoryQuery(SAMPLE_ID, EVERY_INCLUDE).path },
    { feature: 'saved peer note', query: peerNoteQuery(SAMPLE_ID, EVERY_INCLUDE).path },
    ...partQueries(ASSUMED_CAPABILITIES, SAMPLE_ID, [`Encounter/${SAMPLE_ID}`], ALL_NOTE_PARTS).queries.map(
      (part) => ({ feature: 'note parts without _revinclude', query: part.path }),
    ),
    { feature: 'group session caseload', query: caseloadQuery(`Practitioner/${SAMPLE_ID}`) },
    ...CONDITIONALLY_CREATED.map((type) => ({
      feature: 'retry-safe save',
      query: `${type}?${ifNoneExistFor(SAMPLE_ID)}`,
    })),
    { feature: 'retry-safe save', query: `Provenance?${ifNoneExistForTag(SAMPLE_ID)}` },
  ];
}

/** Parameters that steer the result rather than filter it; servers do not list them per resource. */
const RESULT_PARAMS = new Set([
  '_count',
  '_sort',
  '_include',
  '_revinclude',
  '_summary',
  '_elements',
  '_total',
]);

function add(map: Map<string, Set<string>>, key: string, feature: string): void {
  const features = map.get(key) ?? new Set<string>();
  features.add(feature);
  map.set(key, features);
}

interface MutableNeeds {
  readonly params: Map<string, Set<string>>;
  readonly includes: Map<string, Set<string>>;
  readonly revIncludes: Map<string, Set<string>>;
}

/** Groups the app's searches by resource type: every parameter and include it needs, with who needs it. */
export function searchNeedsByType(searches: readonly AppSearch[] = appSearches()): SearchNeeds[] {
  const byType = new Map<string, MutableNeeds>();
  for (const { feature, query } of searches) {
    const [resourceType = '', search = ''] = query.split('?', 2);
    const needs: MutableNeeds = byType.get(resourceType) ?? {
      params: new Map<string, Set<string>>(),
      includes: new Map<string, Set<string>>(),
      revIncludes: new Map<string, Set<string>>(),
    };
    byType.set(resourceType, needs);
    for (const [rawName, value] of new URLSearchParams(search)) {
      // `_include:iterate` and `code:text` name the same parameter as without the modifier.
      const name = rawName.split(':')[0] ?? rawName;
      if (name === '_include') {
        add(needs.includes, value, feature);
      } else if (name === '_revinclude') {
        add(needs.revIncludes, value, feature);
      } else if (name === '_sort') {
        for (const key of value.split(',')) {
          add(needs.params, key.replace(/^-/, ''), feature);
        }
      } else if (!RESULT_PARAMS.has(name)) {
        add(needs.params, name, feature);
      }
    }
  }
  return [...byType].map(([resourceType, needs]) => ({ resourceType, ...needs }));
}
