import { getSearchParameter } from '@medplum/core';
import { normalizeReferenceSearchValue } from './references';
import { badRequest } from './outcomes';

export interface IncludeSpec {
  readonly sourceType: string;
  readonly code: string;
  readonly targetType: string | undefined;
  readonly iterate: boolean;
}

export interface SortSpec {
  readonly code: string;
  readonly descending: boolean;
}

/** A search request split into what the engine matches and what the wrapper does itself. */
export interface SearchPlan {
  readonly resourceType: string;
  /** Filters for the engine, references normalized to `Type/id`. */
  readonly filters: readonly (readonly [string, string])[];
  /** The parameters as the client sent them, less paging, for the self and paging links. */
  readonly accepted: readonly (readonly [string, string])[];
  readonly sort: readonly SortSpec[];
  readonly include: readonly IncludeSpec[];
  readonly revinclude: readonly IncludeSpec[];
  readonly count: number;
  readonly offset: number;
  readonly total: boolean;
  /** Parameters the sandbox does not support and ignored, as FHIR's lenient handling allows. */
  readonly ignored: readonly string[];
}

export const DEFAULT_COUNT = 50;
export const MAX_COUNT = 1000;

/** Search parameter types @medplum/core can match in memory; number, quantity and composite it cannot. */
const MATCHABLE_TYPES = new Set(['reference', 'string', 'uri', 'token', 'date']);
/** Modifiers the in-memory matcher honours; others (`:text`, `:in`, `:above`...) it would get wrong. */
const MATCHABLE_MODIFIERS = new Set(['missing', 'not', 'contains', 'exact']);
const IGNORED_CONTROLS = new Set([
  '_format',
  '_pretty',
  '_elements',
  '_summary',
  '_contained',
  '_containedType',
]);

/**
 * Reads a FHIR search query. https://hl7.org/fhir/R4/search.html
 * With `strict` (the client sent `Prefer: handling=strict`) unsupported parameters are an error.
 */
export function parseSearchQuery(
  resourceType: string,
  params: URLSearchParams,
  baseUrl: string,
  strict = false,
): SearchPlan {
  const filters: [string, string][] = [];
  const accepted: [string, string][] = [];
  const sort: SortSpec[] = [];
  const include: IncludeSpec[] = [];
  const revinclude: IncludeSpec[] = [];
  const ignored: string[] = [];
  let count = DEFAULT_COUNT;
  let offset = 0;
  let total = true;

  for (const [key, value] of params) {
    switch (key) {
      case '_count':
        count = Math.min(parseNonNegativeInteger(key, value), MAX_COUNT);
        continue;
      case '_offset':
        offset = parseNonNegativeInteger(key, value);
        continue;
      case '_total':
        total = value !== 'none';
        accepted.push([key, value]);
        continue;
      case '_sort':
        sort.push(...parseSort(resourceType, value));
        accepted.push([key, value]);
        continue;
      case '_include':
      case '_include:iterate':
      case '_revinclude':
      case '_revinclude:iterate': {
        const spec = parseInclude(value, key.endsWith(':iterate'));
        (key.startsWith('_include') ? include : revinclude).push(spec);
        accepted.push([key, value]);
        continue;
      }
      default:
        break;
    }
    if (IGNORED_CONTROLS.has(key)) {
      continue;
    }
    const filter = toEngineFilter(resourceType, key, value, baseUrl);
    if (filter) {
      filters.push(filter);
      accepted.push([key, value]);
    } else if (strict) {
      throw badRequest(`Search parameter '${key}' is not supported for ${resourceType} by the sandbox.`);
    } else {
      ignored.push(key);
    }
  }
  return { resourceType, filters, accepted, sort, include, revinclude, count, offset, total, ignored };
}

function toEngineFilter(
  resourceType: string,
  key: string,
  value: string,
  baseUrl: string,
): [string, string] | undefined {
  const [code = '', modifier] = key.split(':', 2);
  if (code.includes('.') || code === '_has') {
    return undefined;
  }
  const param = getSearchParameter(resourceType, code);
  if (!param || !isMatchableSearchParameter(param) || code === '_compartment') {
    return undefined;
  }
  if (param.type !== 'reference' || modifier === 'missing') {
    return modifier === undefined || MATCHABLE_MODIFIERS.has(modifier) ? [key, value] : undefined;
  }
  const typeModifier = modifier && /^[A-Z]/.test(modifier) ? modifier : undefined;
  if (modifier && !typeModifier) {
    return undefined;
  }
  return [code, normalizeReferenceSearchValue(resourceType, code, typeModifier, value, baseUrl)];
}

export function isMatchableSearchParameter(param: { readonly type?: string }): boolean {
  return MATCHABLE_TYPES.has(param.type ?? '');
}

function parseNonNegativeInteger(key: string, value: string): number {
  if (!/^\d+$/.test(value)) {
    throw badRequest(`${key} must be a whole number of zero or more, not '${value}'.`);
  }
  return Number(value);
}

function parseSort(resourceType: string, value: string): SortSpec[] {
  return value
    .split(',')
    .filter((part) => part !== '')
    .map((part) => {
      const descending = part.startsWith('-');
      const code = descending ? part.slice(1) : part;
      if (!getSearchParameter(resourceType, code)) {
        throw badRequest(`Cannot sort ${resourceType} by '${code}': it is not one of its search parameters.`);
      }
      return { code, descending };
    });
}

/** `_include=Source:param[:Target]`. */
function parseInclude(value: string, iterate: boolean): IncludeSpec {
  const [sourceType = '', code = '', targetType] = value.split(':');
  const param = getSearchParameter(sourceType, code);
  if (param?.type !== 'reference') {
    throw badRequest(
      `'${value}' is not an include the sandbox understands: use Type:param with a reference search parameter of Type.`,
    );
  }
  return { sourceType, code, targetType, iterate };
}
