/**
 * The program report a peer program sends its funders: for a date range and the people the user can
 * see, how many were served, how contacts happened, billable units, follow-ups, outcome measures (mean
 * change first vs last) and acute care (ED visits, admissions) in the 90 days before the first peer
 * contact vs the 90 days after. Every figure carries the count it was computed from. Pure: the caller
 * reads the resources and passes them in. The parts live beside it: program-report-range (dates and
 * people), -measures, -acute-care, and -lines (the table the screen and the CSV share).
 */
import type { Encounter, Observation, Task } from 'fhir/r4';
import { EXTENSION, SESSION_FORMAT, UCUM_MINUTE } from './codes';
import { conceptText, extensionCoding } from './fhir-read';
import { isFollowUpTask } from './follow-up-requests';
import { billingUnits } from './peer-encounter-draft';
import { acuteCare, type AcuteComparison, type AcuteEvent } from './program-report-acute-care';
import { measureChanges, type MeasureChange } from './program-report-measures';
import { dayOf, inRange, patientOf, timeOf, type ReportRange } from './program-report-range';
import { categoryOf } from './encounter-category';

const ACKNOWLEDGED = new Set(['accepted', 'in-progress', 'completed', 'on-hold']);

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
  const acuteEvents: AcuteEvent[] = [];

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
    measures: measureChanges(input.observations, range, people),
    ...acuteCare(firstContact, acuteEvents, range),
    gaps: input.gaps ?? [],
  };
}
