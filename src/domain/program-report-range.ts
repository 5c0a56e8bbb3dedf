/** The date range and the people a program report covers, and how its resources are placed in them. */
import { referenceString } from './fhir-read';
import { textOf } from './guards';
import { parseReference } from './references';

/** Inclusive calendar dates, YYYY-MM-DD. */
export interface ReportRange {
  readonly from: string;
  readonly to: string;
}

/** Milliseconds of a FHIR dateTime or instant; undefined when it is missing or unreadable. */
export function timeOf(value: unknown): number | undefined {
  const text = textOf(value);
  const time = text ? Date.parse(text) : Number.NaN;
  return Number.isNaN(time) ? undefined : time;
}

/** The UTC calendar day, YYYY-MM-DD, of a FHIR dateTime or instant. */
export function dayOf(value: unknown): string | undefined {
  const time = timeOf(value);
  return time === undefined ? undefined : new Date(time).toISOString().slice(0, 10);
}

/** Whether a calendar day falls in the inclusive range. */
export function inRange(day: string | undefined, range: ReportRange): day is string {
  return day !== undefined && day >= range.from && day <= range.to;
}

/** The id of the Patient a reference names, when the user can see that person. */
export function patientOf(reference: unknown, people: ReadonlySet<string>): string | undefined {
  const parsed = parseReference(referenceString(reference));
  return parsed?.resourceType === 'Patient' && people.has(parsed.id) ? parsed.id : undefined;
}
