/**
 * Search on the fake FHIR server (https://hl7.org/fhir/R4/search.html): the parameters in
 * `search-params.ts`, comma alternatives, `_sort`, `_count` with `_offset` paging, `_include`
 * (also `:iterate`) and `_revinclude`. An unknown parameter is refused with 400 rather than ignored.
 */
import type { Bundle, BundleEntry, FhirResource } from 'fhir/r4';
import { badRequest, OperationOutcomeError } from './outcomes';
import type { ResourceVersions } from './resource-versions';
import { keyOf } from './resource-versions';
import { findSearchParam, matches, relativeReference, sortKey, valuesAt } from './search-params';

const CONTROL_PARAMS = new Set(['_count', '_sort', '_include', '_revinclude', '_include:iterate', '_offset']);

/** The current resources of `type` that every search parameter in `params` matches. */
export function findResources(
  versions: ResourceVersions,
  type: string,
  params: URLSearchParams,
): FhirResource[] {
  const tests: ((resource: FhirResource) => boolean)[] = [];
  for (const [name, value] of params) {
    if (CONTROL_PARAMS.has(name)) {
      continue;
    }
    const param = findSearchParam(type, name);
    if (!param) {
      throw new OperationOutcomeError(
        badRequest(`This server does not support searching ${type} by ${name}.`),
      );
    }
    tests.push((resource) => matches(resource, param, value));
  }
  return versions.all().filter((r) => r.resourceType === type && tests.every((test) => test(r)));
}

function sorted(type: string, found: FhirResource[], sort: string | null): FhirResource[] {
  if (!sort) {
    return found;
  }
  const param = findSearchParam(type, sort.replace(/^-/, ''));
  if (!param) {
    throw new OperationOutcomeError(badRequest(`This server cannot sort ${type} by ${sort}.`));
  }
  const ordered = [...found].sort((a, b) => sortKey(a, param).localeCompare(sortKey(b, param)));
  return sort.startsWith('-') ? ordered.reverse() : ordered;
}

/** `Type:param[:Target]` from the resources given: what their references point to. */
function included(versions: ResourceVersions, spec: string, from: readonly FhirResource[]): FhirResource[] {
  const [type = '', name = '', target] = spec.split(':');
  const param = findSearchParam(type, name);
  if (!param) {
    return [];
  }
  return from
    .filter((r) => r.resourceType === type)
    .flatMap((r) => valuesAt(r, param.path))
    .flatMap((value) => {
      const reference = (value as { reference?: unknown }).reference;
      const found =
        typeof reference === 'string' ? versions.current(relativeReference(reference)) : undefined;
      return found && (target === undefined || found.resourceType === target) ? [found] : [];
    });
}

/** `Type:param`: resources of Type whose param points at one of the matches. */
function revIncluded(versions: ResourceVersions, spec: string, to: readonly FhirResource[]): FhirResource[] {
  const [type = '', name = ''] = spec.split(':');
  const param = findSearchParam(type, name);
  if (!param) {
    throw new OperationOutcomeError(badRequest(`This server does not support _revinclude=${spec}.`));
  }
  const keys = to.map(keyOf);
  return versions.all().filter((r) => r.resourceType === type && keys.some((key) => matches(r, param, key)));
}

/** A searchset Bundle: one page of matches, then what they include, with self and next links. */
export function searchBundle(
  base: string,
  versions: ResourceVersions,
  type: string,
  params: URLSearchParams,
): Bundle {
  const all = sorted(type, findResources(versions, type, params), params.get('_sort'));
  const count = Number(params.get('_count') ?? '50');
  const offset = Number(params.get('_offset') ?? '0');
  const page = all.slice(offset, offset + count);
  const extra = [
    ...params.getAll('_include').flatMap((spec) => included(versions, spec, page)),
    ...params.getAll('_revinclude').flatMap((spec) => revIncluded(versions, spec, page)),
  ];
  const iterated = params.getAll('_include:iterate').flatMap((spec) => included(versions, spec, extra));
  const pageKeys = new Set(page.map(keyOf));
  const includes = new Map<string, FhirResource>();
  for (const resource of [...extra, ...iterated]) {
    if (!pageKeys.has(keyOf(resource))) {
      includes.set(keyOf(resource), resource);
    }
  }
  const next = new URLSearchParams(params);
  next.set('_offset', String(offset + count));
  const entry =
    (mode: 'match' | 'include') =>
    (resource: FhirResource): BundleEntry => ({
      fullUrl: `${base}/${keyOf(resource)}`,
      resource,
      search: { mode },
    });
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: all.length,
    link: [
      { relation: 'self', url: `${base}/${type}?${params.toString()}` },
      ...(offset + count < all.length
        ? [{ relation: 'next', url: `${base}/${type}?${next.toString()}` }]
        : []),
    ],
    entry: [...page.map(entry('match')), ...[...includes.values()].map(entry('include'))],
  };
}
