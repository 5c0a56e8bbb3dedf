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

/** `Type/id`: the relative reference to a resource (Medplum's getReferenceString). */
export function referenceTo(resource: ResourceId): string {
  return `${resource.resourceType}/${resource.id}`;
}

/** `Type/id` from a type and an id held apart (`referenceToId('Patient', patientId)`). */
export function referenceToId(resourceType: string, id: string): string {
  return referenceTo({ resourceType, id });
}

export function referencesResource(reference: Reference | undefined, resource: ResourceId): boolean {
  const parsed = parseReference(reference?.reference);
  return parsed?.resourceType === resource.resourceType && parsed.id === resource.id;
}

/**
 * One string for "the same resource" however it is referred to: a urn:uuid stays as it is; a
 * relative, absolute or versioned URL becomes `Type/id`. Undefined for anything else. No regex:
 * it runs once per resource when reading large searches.
 */
export function referenceKey(reference: unknown): string | undefined {
  if (typeof reference !== 'string' || reference.length === 0 || reference.startsWith('#')) {
    return undefined;
  }
  if (reference.startsWith('urn:')) {
    return reference;
  }
  const history = reference.indexOf('/_history/');
  const end = history >= 0 ? history : reference.length;
  const idSlash = reference.lastIndexOf('/', end - 1);
  if (idSlash <= 0 || idSlash === end - 1) {
    return undefined;
  }
  const typeSlash = reference.lastIndexOf('/', idSlash - 1);
  return reference.slice(typeSlash + 1, end);
}
