/**
 * The program report a peer program sends its funders: for a date range and the people the user can
 * see, how many were served, how contacts happened, billable units, follow-ups, outcome measures (mean
 * change first vs last) and acute care (ED visits, admissions) in the 90 days before the first peer
 * contact vs the 90 days after. Every figure carries the count it was computed from. Pure: the caller
 * reads the resources and passes them in.
 */
import type { Encounter, Observation, Task } from 'fhir/r4';
import { EXTENSION, OBSERVATION_CODE, SCORE_MEASURES, SESSION_FORMAT, UCUM_MINUTE } from './codes';
import { codingsOf, conceptText, extensionCoding, integerOf, referenceString } from './fhir-read';
import { isFollowUpTask } from './follow-up-requests';
import { textOf } from './guards';
import { billingUnits } from './peer-encounter-draft';
import { parseReference } from './references';
import { categoryOf } from './encounter-category';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The window either side of the first peer contact (issue 14). */
export const ACUTE_WINDOW_DAYS = 90;
const RESULT_STATUSES = new Set(['final', 'amended', 'corrected']);
const ACKNOWLEDGED = new Set(['accepted', 'in-progress', 'completed', 'on-hold']);

/** Inclusive calendar dates, YYYY-MM-DD. */
export interface ReportRange {
  readonly from: string;
  readonly to: string;
}

/** A part of the report the server cannot supply, and why, in words for the person reading it. */
export interface ReportGap {
  readonly part: 'people' | 'contacts' | 'measures' | 'follow-ups' | 'first-contact';
  readonly message: string;
}

export interface ReportInput {
  readonly range: ReportRange;
  /** Ids of the Patients the user can see; resources about anyone else are ignored. */
  readonly people: readonly string[];
  readonly encounters: readonly Encounter[];
  readonly observations: readonly Observation[];
  readonly tasks: readonly Task[];
  /** What the server could not supply: those figures read "Not available", not 0. */
  readonly gaps?: readonly ReportGap[];
}

export interface CountRow {
  readonly label: string;
  readonly count: number;
}

export interface MeasureChange {
  readonly name: string;
  /** Observations of this measure in the range. */
  readonly recorded: number;
  /** People with at least two readings in the range: the n behind the mean change. */
  readonly peopleWithBoth: number;
  /** Mean of (last − first) over those people; undefined when nobody has two readings. */
  readonly meanChange: number | undefined;
  readonly better: 'higher' | 'lower';
}

export interface AcuteComparison {
  readonly label: string;
  readonly before: number;
  readonly after: number;
}

export interface ProgramReport {
  readonly range: ReportRange;
  readonly peopleServed: number;
  readonly contacts: number;
  readonly byMode: readonly CountRow[];
  readonly bySetting: readonly CountRow[];
  readonly individual: number;
  readonly group: number;
  readonly billableUnits: number;
  /** Contacts whose length gave the units. */
  readonly contactsWithLength: number;
  readonly followUpsRaised: number;
  readonly followUpsAcknowledged: number;
  readonly measures: readonly MeasureChange[];
  /** People whose first peer contact is in the range: the n behind the before/after figures. */
  readonly acutePeople: number;
  /** Of those, people whose 90 days after have fully passed by the end of the range. */
  readonly acuteWindowComplete: number;
  readonly acute: readonly AcuteComparison[];
  readonly gaps: readonly ReportGap[];
}

function timeOf(value: unknown): number | undefined {
  const text = textOf(value);
  const time = text ? Date.parse(text) : Number.NaN;
  return Number.isNaN(time) ? undefined : time;
}

function dayOf(value: unknown): string | undefined {
  const time = timeOf(value);
  return time === undefined ? undefined : new Date(time).toISOString().slice(0, 10);
}

function inRange(day: string | undefined, range: ReportRange): day is string {
  return day !== undefined && day >= range.from && day <= range.to;
}

function patientOf(reference: unknown, people: ReadonlySet<string>): string | undefined {
  const parsed = parseReference(referenceString(reference));
  return parsed?.resourceType === 'Patient' && people.has(parsed.id) ? parsed.id : undefined;
}

function tally(counts: Map<string, number>, label: string): void {
  counts.set(label, (counts.get(label) ?? 0) + 1);
}

function rows(counts: ReadonlyMap<string, number>): CountRow[] {
  return [...counts.entries()]
    .map(([label, count]) => ({ label, count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

function minutesOf(encounter: Encounter): number | undefined {
  const length = encounter.length;
  const value = typeof length?.value === 'number' ? length.value : undefined;
  const unit = length?.code ?? length?.unit;
  if (value !== undefined && (unit === UCUM_MINUTE.code || unit === undefined)) {
    return value;
  }
  const start = timeOf(encounter.period?.start);
  const end = timeOf(encounter.period?.end);
  return start !== undefined && end !== undefined && end > start ? (end - start) / 60000 : undefined;
}

function codingText(encounter: Encounter, url: string): string {
  const c = extensionCoding(encounter.extension, url);
  return (c ? conceptText({ coding: [c] }) : '') || 'Not recorded';
}

interface Reading {
  readonly time: number;
  readonly value: number;
}

function measureReadings(
  obs: Observation,
): { id: string; name: string; better: 'higher' | 'lower'; value: number } | undefined {
  const codes = codingsOf(obs.code);
  const has = (system: string, code: string): boolean =>
    codes.some((c) => c.system === system && c.code === code);
  if (has(OBSERVATION_CODE.checkIn.system, OBSERVATION_CODE.checkIn.code)) {
    const value = integerOf(obs.valueInteger);
    return value === undefined
      ? undefined
      : { id: 'check-in', name: 'Recovery check-in', better: 'higher', value };
  }
  const measure = SCORE_MEASURES.find((m) => has(m.coding.system, m.coding.code));
  const value = integerOf(obs.valueInteger) ?? integerOf(obs.valueQuantity?.value);
  if (!measure || value === undefined) {
    return undefined;
  }
  return { id: measure.coding.code, name: measure.name, better: 'lower', value };
}

function measureChanges(input: ReportInput, people: ReadonlySet<string>): MeasureChange[] {
  const series = new Map<
    string,
    { name: string; better: 'higher' | 'lower'; recorded: number; byPerson: Map<string, Reading[]> }
  >();
  for (const obs of input.observations) {
    if (!RESULT_STATUSES.has(obs.status)) {
      continue;
    }
    const person = patientOf(obs.subject, people);
    const when = obs.effectiveDateTime ?? obs.effectivePeriod?.start ?? obs.issued;
    const time = timeOf(when);
    const reading = measureReadings(obs);
    if (!person || time === undefined || !reading || !inRange(dayOf(when), input.range)) {
      continue;
    }
    let entry = series.get(reading.id);
    if (!entry) {
      entry = { name: reading.name, better: reading.better, recorded: 0, byPerson: new Map() };
      series.set(reading.id, entry);
    }
    entry.recorded += 1;
    const list = entry.byPerson.get(person) ?? [];
    list.push({ time, value: reading.value });
    entry.byPerson.set(person, list);
  }
  return [...series.values()]
    .map((entry) => {
      const changes = [...entry.byPerson.values()]
        .filter((list) => list.length >= 2)
        .map((list) => {
          const sorted = [...list].sort((a, b) => a.time - b.time);
          return (sorted[sorted.length - 1]?.value ?? 0) - (sorted[0]?.value ?? 0);
        });
      const sum = changes.reduce((total, change) => total + change, 0);
      return {
        name: entry.name,
        recorded: entry.recorded,
        peopleWithBoth: changes.length,
        meanChange: changes.length > 0 ? sum / changes.length : undefined,
        better: entry.better,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function buildProgramReport(input: ReportInput): ProgramReport {
  const people = new Set(input.people);
  const { range } = input;
  const served = new Set<string>();
  const byMode = new Map<string, number>();
  const bySetting = new Map<string, number>();
  let contacts = 0;
  let group = 0;
  let units = 0;
  let withLength = 0;
  /** Earliest peer contact per person, whatever the range: engagement starts there. */
  const firstContact = new Map<string, number>();
  const acuteEvents: { person: string; time: number; kind: 'emergency' | 'inpatient' }[] = [];

  for (const encounter of input.encounters) {
    const person = patientOf(encounter.subject, people);
    const category = categoryOf(encounter);
    const time = timeOf(encounter.period?.start);
    if (
      !person ||
      time === undefined ||
      encounter.status === 'cancelled' ||
      encounter.status === 'entered-in-error'
    ) {
      continue;
    }
    if (category === 'emergency' || category === 'inpatient') {
      acuteEvents.push({ person, time, kind: category });
      continue;
    }
    if (category !== 'peer' && category !== 'group-peer') {
      continue;
    }
    const first = firstContact.get(person);
    firstContact.set(person, first === undefined ? time : Math.min(first, time));
    if (!inRange(dayOf(encounter.period?.start), range)) {
      continue;
    }
    contacts += 1;
    served.add(person);
    tally(byMode, codingText(encounter, EXTENSION.contactMode));
    tally(bySetting, codingText(encounter, EXTENSION.setting));
    if (
      category === 'group-peer' ||
      extensionCoding(encounter.extension, EXTENSION.sessionFormat)?.code === SESSION_FORMAT.group.code
    ) {
      group += 1;
    }
    const minutes = minutesOf(encounter);
    if (minutes !== undefined) {
      withLength += 1;
      units += billingUnits(minutes);
    }
  }

  let raised = 0;
  let acknowledged = 0;
  for (const task of input.tasks) {
    const person = patientOf(task.for, people);
    if (!person || !isFollowUpTask(task) || !inRange(dayOf(task.authoredOn), range)) {
      continue;
    }
    raised += 1;
    if (ACKNOWLEDGED.has(task.status)) {
      acknowledged += 1;
    }
  }

  const rangeEnd = Date.parse(`${range.to}T23:59:59Z`);
  const window = ACUTE_WINDOW_DAYS * DAY_MS;
  let acutePeople = 0;
  let complete = 0;
  const before = { emergency: 0, inpatient: 0 };
  const after = { emergency: 0, inpatient: 0 };
  for (const [person, first] of firstContact) {
    if (!inRange(new Date(first).toISOString().slice(0, 10), range)) {
      continue;
    }
    acutePeople += 1;
    if (first + window <= rangeEnd) {
      complete += 1;
    }
    for (const event of acuteEvents) {
      if (event.person !== person) {
        continue;
      }
      if (event.time >= first - window && event.time < first) {
        before[event.kind] += 1;
      } else if (event.time >= first && event.time < first + window) {
        after[event.kind] += 1;
      }
    }
  }

  return {
    range,
    peopleServed: served.size,
    contacts,
    byMode: rows(byMode),
    bySetting: rows(bySetting),
    individual: contacts - group,
    group,
    billableUnits: units,
    contactsWithLength: withLength,
    followUpsRaised: raised,
    followUpsAcknowledged: acknowledged,
    measures: measureChanges(input, people),
    acutePeople,
    acuteWindowComplete: complete,
    acute: [
      { label: 'Emergency department visits', before: before.emergency, after: after.emergency },
      { label: 'Hospital admissions', before: before.inpatient, after: after.inpatient },
    ],
    gaps: input.gaps ?? [],
  };
}

/** One line of the report's table: the figure, its value and the count behind it. */
export interface ReportLine {
  readonly section: string;
  readonly figure: string;
  readonly value: string;
  readonly basis: string;
}

function mean(value: number | undefined): string {
  if (value === undefined) {
    return 'No one with two readings';
  }
  const rounded = Math.round(value * 10) / 10;
  return rounded > 0 ? `+${rounded}` : String(rounded);
}

function people(count: number): string {
  return `${count} ${count === 1 ? 'person' : 'people'}`;
}

/** A figure the server could not supply: said so, with why, rather than shown as 0. */
function notAvailable(section: string, figure: string, gap: ReportGap): ReportLine {
  return { section, figure, value: 'Not available', basis: gap.message };
}

/** The report as the rows the screen's table and the CSV share, in reading order. */
export function reportLines(report: ProgramReport): ReportLine[] {
  const contacts = `${report.contacts} contacts`;
  const lines: ReportLine[] = [
    { section: 'Reach', figure: 'People served', value: String(report.peopleServed), basis: contacts },
    {
      section: 'Reach',
      figure: 'Peer contacts',
      value: String(report.contacts),
      basis: people(report.peopleServed),
    },
    { section: 'Format', figure: 'Individual', value: String(report.individual), basis: contacts },
    { section: 'Format', figure: 'Group', value: String(report.group), basis: contacts },
    ...report.byMode.map((row) => ({
      section: 'Contact mode',
      figure: row.label,
      value: String(row.count),
      basis: contacts,
    })),
    ...report.bySetting.map((row) => ({
      section: 'Setting',
      figure: row.label,
      value: String(row.count),
      basis: contacts,
    })),
    {
      section: 'Billing',
      figure: 'Billable units (15 minutes)',
      value: String(report.billableUnits),
      basis: `${report.contactsWithLength} contacts with a length`,
    },
  ];
  const gap = (part: ReportGap['part']) => report.gaps.find((g) => g.part === part);
  const followUpGap = gap('follow-ups');
  lines.push(
    ...(followUpGap
      ? [notAvailable('Follow-ups', 'Raised and acknowledged', followUpGap)]
      : [
          {
            section: 'Follow-ups',
            figure: 'Raised',
            value: String(report.followUpsRaised),
            basis: `${report.followUpsRaised} requests`,
          },
          {
            section: 'Follow-ups',
            figure: 'Acknowledged',
            value: String(report.followUpsAcknowledged),
            basis: `of ${report.followUpsRaised} raised`,
          },
        ]),
  );
  const measureGap = gap('measures');
  if (measureGap) {
    lines.push(notAvailable('Measures', 'Recorded and mean change', measureGap));
  }
  for (const m of report.measures) {
    lines.push(
      { section: m.name, figure: 'Recorded', value: String(m.recorded), basis: `${m.recorded} readings` },
      {
        section: m.name,
        figure: `Mean change first to last (${m.better} is better)`,
        value: mean(m.meanChange),
        basis: `${people(m.peopleWithBoth)} with a first and a last reading`,
      },
    );
  }
  const firstContactGap = gap('first-contact');
  const acuteBasis =
    `${people(report.acutePeople)} first seen in the range (${report.acuteWindowComplete} with the full ${ACUTE_WINDOW_DAYS} days after)` +
    (firstContactGap ? `. ${firstContactGap.message}` : '');
  for (const row of report.acute) {
    lines.push(
      {
        section: row.label,
        figure: `${ACUTE_WINDOW_DAYS} days before first peer contact`,
        value: String(row.before),
        basis: acuteBasis,
      },
      {
        section: row.label,
        figure: `${ACUTE_WINDOW_DAYS} days after first peer contact`,
        value: String(row.after),
        basis: acuteBasis,
      },
    );
  }
  return lines;
}
