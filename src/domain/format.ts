import type { CodeableConcept, HumanName, Period, Reference } from 'fhir/r4';

/**
 * Formatters are total: any input, including data missing from a real server's resource, gives a
 * string, so the UI needs no null checks.
 */

export function formatHumanName(names: readonly HumanName[] | undefined): string {
  const name = names?.find((n) => n.use === 'official') ?? names?.find((n) => n.use !== 'old') ?? names?.[0];
  if (!name) {
    return '';
  }
  if (name.text) {
    return name.text;
  }
  return [...(name.prefix ?? []), ...(name.given ?? []), name.family ?? '', ...(name.suffix ?? [])]
    .filter((part) => part.length > 0)
    .join(' ');
}

export function formatCodeableConcept(concept: CodeableConcept | undefined): string {
  if (!concept) {
    return '';
  }
  if (concept.text) {
    return concept.text;
  }
  const coding = concept.coding?.find((c) => c.display) ?? concept.coding?.[0];
  return coding?.display ?? coding?.code ?? '';
}

export function formatReference(reference: Reference | undefined): string {
  return reference?.display ?? reference?.reference ?? '';
}

const DATE_FORMAT = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric' });

/**
 * Formats a FHIR date or dateTime as a calendar date. Date-only values are shown as written (no time
 * zone shift); an unparseable value is shown raw rather than hidden.
 */
export function formatDate(value: string | undefined): string {
  if (!value) {
    return '';
  }
  const dateOnly = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (dateOnly) {
    const [, year, month, day] = dateOnly;
    if (!month) {
      return year ?? value;
    }
    const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day ?? '1')));
    return day
      ? new Intl.DateTimeFormat('en-US', {
          year: 'numeric',
          month: 'short',
          day: 'numeric',
          timeZone: 'UTC',
        }).format(date)
      : new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(date);
  }
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : DATE_FORMAT.format(new Date(time));
}

export function formatPeriodStart(period: Period | undefined): string {
  return formatDate(period?.start ?? period?.end);
}
