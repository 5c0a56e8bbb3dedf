/**
 * FHIR dateTime arithmetic that keeps the writer's time zone offset: a contact that started at
 * 14:30-05:00 ends at 15:20-05:00, not at 20:20Z, so the record reads as the peer wrote it.
 */

/** Minutes east of UTC written at the end of a dateTime (`Z`, `+02:00`, `-05:00`), or undefined. */
export function offsetMinutesOf(dateTime: string): number | undefined {
  if (dateTime.endsWith('Z')) {
    return 0;
  }
  const sign = dateTime.charAt(dateTime.length - 6);
  if ((sign !== '+' && sign !== '-') || dateTime.charAt(dateTime.length - 3) !== ':') {
    return undefined;
  }
  const hours = Number(dateTime.slice(-5, -3));
  const minutes = Number(dateTime.slice(-2));
  if (!Number.isInteger(hours) || !Number.isInteger(minutes)) {
    return undefined;
  }
  return (sign === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function pad(value: number, length = 2): string {
  return String(value).padStart(length, '0');
}

function formatOffset(offset: number): string {
  if (offset === 0) {
    return 'Z';
  }
  const abs = Math.abs(offset);
  return `${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Formats an instant as a FHIR dateTime in the given offset, to the second. */
export function formatDateTimeAt(epochMs: number, offsetMinutes: number): string {
  const local = new Date(epochMs + offsetMinutes * 60000);
  const date = `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
  return `${date}T${time}${formatOffset(offsetMinutes)}`;
}

/** `start` plus `minutes`, in the same offset; undefined when `start` is not a dateTime with a time. */
export function addMinutesToDateTime(start: string, minutes: number): string | undefined {
  const offset = offsetMinutesOf(start);
  const epoch = Date.parse(start);
  if (offset === undefined || Number.isNaN(epoch) || !Number.isFinite(minutes)) {
    return undefined;
  }
  return formatDateTimeAt(epoch + minutes * 60000, offset);
}

/** Whole minutes between two dateTimes, or undefined when either cannot be read. */
export function minutesBetween(start: string | undefined, end: string | undefined): number | undefined {
  const from = start ? Date.parse(start) : Number.NaN;
  const to = end ? Date.parse(end) : Number.NaN;
  if (Number.isNaN(from) || Number.isNaN(to)) {
    return undefined;
  }
  return Math.round((to - from) / 60000);
}

/** A dateTime with date, time and offset, e.g. 2026-11-03T14:30:00-05:00 (seconds optional). */
const DATE_TIME_WITH_OFFSET =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00))$/;

export function isDateTimeWithOffset(value: string): boolean {
  return DATE_TIME_WITH_OFFSET.test(value) && !Number.isNaN(Date.parse(value));
}
