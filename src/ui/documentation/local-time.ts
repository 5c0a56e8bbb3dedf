/**
 * The peer types a date and a time on their own clock; FHIR wants a dateTime with an offset. These
 * convert between the two in the browser's time zone, so the record says exactly what was meant.
 */

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

export interface LocalInputs {
  readonly date: string;
  readonly time: string;
}

export function toLocalInputs(iso: string): LocalInputs {
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) {
    return { date: '', time: '' };
  }
  return {
    date: `${when.getFullYear()}-${pad(when.getMonth() + 1)}-${pad(when.getDate())}`,
    time: `${pad(when.getHours())}:${pad(when.getMinutes())}`,
  };
}

/** `2026-11-27` + `14:30` in the browser's zone → `2026-11-27T14:30:00-05:00`; '' when incomplete. */
export function fromLocalInputs(date: string, time: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const clock = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match || !clock) {
    return '';
  }
  const local = new Date(
    Number(match[1]),
    Number(match[2]) - 1,
    Number(match[3]),
    Number(clock[1]),
    Number(clock[2]),
  );
  if (Number.isNaN(local.getTime())) {
    return '';
  }
  const offsetMinutes = -local.getTimezoneOffset();
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const absolute = Math.abs(offsetMinutes);
  return `${date}T${time}:00${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}
