import {
  convertToSearchableReferences,
  evalFhirPathTyped,
  getSearchParameter,
  toTypedValue,
} from '@medplum/core';
import type { Resource } from 'fhir/r4';
import { getParsedSearchExpression } from './search-speedup';

/**
 * The references a resource holds in one of its reference search parameters, as relative
 * `Type/id` strings (absolute ones under the server's base are made relative; others are kept).
 */
export function getReferencesOf(resource: Resource, code: string, baseUrl: string): string[] {
  const atom = getParsedSearchExpression(resource.resourceType, code);
  if (!atom) {
    return [];
  }
  const values = evalFhirPathTyped(atom, [toTypedValue(resource)]);
  return convertToSearchableReferences(values)
    .filter((reference): reference is string => typeof reference === 'string')
    .map((reference) => toRelativeReference(reference, baseUrl));
}

export function toRelativeReference(reference: string, baseUrl: string): string {
  return reference.startsWith(`${baseUrl}/`) ? reference.slice(baseUrl.length + 1) : reference;
}

export function getReferenceString(resource: Resource): string {
  return `${resource.resourceType}/${resource.id ?? ''}`;
}

/**
 * Rewrites one reference search value to what the engine matches: `Type/id`. Clients may send a
 * bare id (`patient=123`), a typed modifier (`subject:Patient=123`) or an absolute URL.
 */
export function normalizeReferenceSearchValue(
  resourceType: string,
  code: string,
  typeModifier: string | undefined,
  value: string,
  baseUrl: string,
): string {
  const targets = getSearchParameter(resourceType, code)?.target ?? [];
  return value
    .split(',')
    .flatMap((part) => {
      const relative = toRelativeReference(part, baseUrl);
      if (relative.includes('/') || relative === '') {
        return [relative];
      }
      if (typeModifier) {
        return [`${typeModifier}/${relative}`];
      }
      return targets.length > 0 ? targets.map((target) => `${target}/${relative}`) : [relative];
    })
    .join(',');
}
