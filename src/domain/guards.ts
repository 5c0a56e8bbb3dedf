/** Narrowing helpers for server data, which is untrusted whatever its declared type says. */
import type { Bundle, FhirResource, OperationOutcome } from 'fhir/r4';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The array, or an empty one when a server sent something else (or nothing). */
export function arrayOf<T>(value: readonly T[] | undefined): readonly T[] {
  return Array.isArray(value) ? (value as readonly T[]) : [];
}

export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A non-empty string, or undefined. */
export function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Anything with a string resourceType; its other elements still need checking where they are read. */
export function isResource(value: unknown): value is FhirResource {
  return isRecord(value) && typeof value.resourceType === 'string';
}

export function isBundle(value: unknown): value is Bundle {
  return isRecord(value) && value.resourceType === 'Bundle';
}

/** An OperationOutcome with its required `issue` list: what a server's error body may be. */
export function isOperationOutcome(value: unknown): value is OperationOutcome {
  return isRecord(value) && value.resourceType === 'OperationOutcome' && Array.isArray(value.issue);
}
