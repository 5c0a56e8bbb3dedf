/**
 * The reads that name the people a page refers to without a name: one `_id` search per resource type
 * (`Practitioner?_id=a,b,c`), ids chunked so a URL stays short, roles bringing their practitioners
 * where the server lists that `_include`. Where a type cannot be searched by `_id`, a few single
 * reads, never one per row. https://hl7.org/fhir/R4/search.html#id
 */
import { arrayOf } from './guards';
import { isNamed, type NameDirectory } from './person-names';
import { readPath, searchPath, type QueryParam } from './search-query';
import {
  offersResource,
  supportsInclude,
  supportsInteraction,
  supportsSearchParam,
  type ServerCapabilities,
} from './server-capabilities';
import { chunks } from './chunks';

/** Ids per `_id` search: 40 ids of up to 64 characters keep the URL under 3 kB. */
export const NAME_IDS_PER_SEARCH = 40;
/** Single reads at most, per type, where `_id` search is not offered. */
export const MAX_NAME_READS = 6;

export interface NameQuery {
  readonly type: NameableType;
  /** Relative to the FHIR base; every value encoded. */
  readonly path: string;
  /** The ids the query asks for: a refused search is answered by reading a few of them. */
  readonly ids: readonly string[];
  readonly kind: 'search' | 'read';
}

/** The resource types a name can be read for, in one search per type. */
export const NAMEABLE_TYPES = ['Practitioner', 'PractitionerRole', 'Organization'] as const;
export type NameableType = (typeof NAMEABLE_TYPES)[number];

function nameableType(key: string): NameableType | undefined {
  const type = key.slice(0, key.indexOf('/'));
  return (NAMEABLE_TYPES as readonly string[]).includes(type) ? (type as NameableType) : undefined;
}

/**
 * The references worth reading for a name: people met without one, as `Type/id`, sorted. A role
 * whose practitioner is known asks for the practitioner, not the role again.
 */
export function unresolvedReferences(directory: NameDirectory): string[] {
  const wanted = new Set<string>();
  const consider = (key: string): void => {
    if (nameableType(key) && !isNamed(directory, key)) {
      wanted.add(directory.practitionerOf.get(key) ?? key);
    }
  };
  for (const key of directory.seen) {
    consider(key);
  }
  for (const key of directory.practitionerOf.keys()) {
    consider(key);
  }
  return [...wanted].filter((key) => nameableType(key) !== undefined && !isNamed(directory, key)).sort();
}

/** `Type/id` keys grouped by type, ids only, for one `_id` search per type. */
export function idsByType(keys: readonly string[]): Map<NameableType, string[]> {
  const grouped = new Map<NameableType, string[]>();
  for (const key of arrayOf(keys)) {
    const type = nameableType(key);
    const id = key.slice(key.indexOf('/') + 1);
    if (type && id) {
      grouped.set(type, [...(grouped.get(type) ?? []), id]);
    }
  }
  return grouped;
}

const ROLE_INCLUDES = ['PractitionerRole:practitioner', 'PractitionerRole:organization'];

export function canSearchById(capabilities: ServerCapabilities, type: string): boolean {
  return (
    supportsInteraction(capabilities, type, 'search-type') && supportsSearchParam(capabilities, type, '_id')
  );
}

/** A few single reads of `ids` (at most {@link MAX_NAME_READS}), where the type can be read. */
export function nameReads(
  capabilities: ServerCapabilities,
  type: NameableType,
  ids: readonly string[],
): NameQuery[] {
  if (!supportsInteraction(capabilities, type, 'read')) {
    return [];
  }
  return ids
    .slice(0, MAX_NAME_READS)
    .map((id) => ({ type, path: readPath(type, id), ids: [id], kind: 'read' as const }));
}

/** The reads for `keys` (`Type/id` of Practitioners, PractitionerRoles, Organizations). */
export function planNameQueries(capabilities: ServerCapabilities, keys: readonly string[]): NameQuery[] {
  const queries: NameQuery[] = [];
  for (const [type, ids] of idsByType(keys)) {
    if (!offersResource(capabilities, type)) {
      continue;
    }
    if (!canSearchById(capabilities, type)) {
      queries.push(...nameReads(capabilities, type, ids));
      continue;
    }
    const includes: QueryParam[] =
      type === 'PractitionerRole'
        ? ROLE_INCLUDES.filter((include) => supportsInclude(capabilities, type, include)).map(
            (include) => ['_include', include] as const,
          )
        : [];
    for (const chunk of chunks(ids, NAME_IDS_PER_SEARCH)) {
      queries.push({
        type,
        path: searchPath(type, [['_id', chunk.join(',')], ['_count', chunk.length], ...includes]),
        ids: chunk,
        kind: 'search',
      });
    }
  }
  return queries;
}
