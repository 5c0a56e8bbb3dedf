import type { Reference } from 'fhir/r4';

export interface ResourceId {
  readonly resourceType: string;
  readonly id: string;
}

/**
 * Reads `Type/id` from a relative or absolute reference (`https://ehr/fhir/Practitioner/1`,
 * `Practitioner/1/_history/2`). Returns undefined for contained, urn and malformed references.
 */
export function parseReference(reference: string | undefined): ResourceId | undefined {
  if (!reference || reference.startsWith('#') || reference.startsWith('urn:')) {
    return undefined;
  }
  const withoutHistory = reference.replace(/\/_history\/[^/]+$/, '');
  const match = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/.exec(withoutHistory);
  if (!match?.[1] || !match[2]) {
    return undefined;
  }
  return { resourceType: match[1], id: match[2] };
}

export function referenceTo(resource: ResourceId): string {
  return `${resource.resourceType}/${resource.id}`;
}

export function referencesResource(reference: Reference | undefined, resource: ResourceId): boolean {
  const parsed = parseReference(reference?.reference);
  return parsed?.resourceType === resource.resourceType && parsed.id === resource.id;
}
