/**
 * The "next contact" a peer plans in a note: a date on the contact's Encounter (the next-contact
 * extension in fhir-profiles), read back by the note form and by "My people".
 */
import type { Encounter } from 'fhir/r4';
import { EXTENSION } from './codes';
import { arrayOf, isRecord, textOf } from './guards';

const FHIR_FULL_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A whole calendar date as the form's date input gives it (YYYY-MM-DD). */
export function isFullDate(value: string): boolean {
  return FHIR_FULL_DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

/** The planned next contact on a peer Encounter; a value that is not a whole date is ignored. */
export function nextContactOf(encounter: Encounter): string | undefined {
  // Server data: an extension list may hold nulls or odd entries.
  const extension: unknown = arrayOf(encounter.extension as unknown[] | undefined).find(
    (e) => isRecord(e) && e.url === EXTENSION.nextContact,
  );
  const value = isRecord(extension) ? textOf(extension.valueDate) : undefined;
  return value && isFullDate(value) ? value : undefined;
}
