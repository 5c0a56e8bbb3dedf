import type { Reference, Resource } from 'fhir/r4';
import { isRecord } from '../../../src/domain/guards';
import type { OperationOutcomeError } from '../fhir/outcomes';
import { fhirError } from '../fhir/outcomes';

/** Small checks the vendor write rules are made of. Bodies are untrusted JSON, read as records. */
export type Body = Readonly<Record<string, unknown>>;

/** 422: syntactically fine, refused by the server's business rules (FHIR http.html). */
export function unprocessable(
  diagnostics: string,
  code: 'business-rule' | 'extension' | 'not-supported' | 'required' | 'value' = 'business-rule',
): OperationOutcomeError {
  return fhirError(422, code, diagnostics);
}

export function asBody(value: unknown): Body {
  return isRecord(value) ? value : {};
}

export function asList(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** `Patient/123` from a reference (relative or absolute), or '' when there is none. */
export function referenceType(value: unknown): string {
  const reference = (asBody(value) as Reference).reference;
  if (typeof reference !== 'string') {
    return '';
  }
  const parts = reference.split('/');
  return parts[parts.length - 2] ?? '';
}

/** The `Type/id` tail of a reference, for comparing relative with absolute ones. */
export function referenceKey(value: unknown): string {
  const reference = (asBody(value) as Reference).reference;
  return typeof reference === 'string' ? reference.split('/').slice(-2).join('/') : '';
}

/** A FHIR dateTime that carries a time of day (vendors refuse dates alone where they ask for "a time"). */
export function hasTime(value: unknown): boolean {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value);
}

/** The codes of a CodeableConcept's codings in one system (or any system when none is given). */
export function codesOf(concept: unknown, system?: string): string[] {
  return asList(asBody(concept).coding)
    .map(asBody)
    .filter((coding) => system === undefined || coding.system === system)
    .flatMap((coding) => (typeof coding.code === 'string' ? [coding.code] : []));
}

/** The resource without the top-level elements not in `supported`: what "unsupported fields are ignored" does. */
export function withOnly<T extends Resource>(resource: T, supported: ReadonlySet<string>): T {
  return Object.fromEntries(Object.entries(resource).filter(([key]) => supported.has(key))) as T;
}

/** Refuses top-level elements not in `supported` with 422 business-rule ("Body contained unsupported fields"). */
export function requireOnly(resource: Resource, supported: ReadonlySet<string>, vendor: string): void {
  const unsupported = Object.keys(resource).filter((key) => !supported.has(key));
  if (unsupported.length > 0) {
    throw unprocessable(
      `${vendor} does not accept ${unsupported.join(', ')} on a ${resource.resourceType} write; leave ${unsupported.length === 1 ? 'it' : 'them'} out.`,
    );
  }
}
