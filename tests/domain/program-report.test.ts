import type { Encounter, Observation, Task } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import {
  CATEGORY,
  EMERGENCY_CLASS,
  EXTENSION,
  INPATIENT_CLASS,
  OBSERVATION_CODE,
  SCORE_MEASURES,
  SESSION_FORMAT,
} from '../../src/domain/codes';
import { buildCsv, csvCell } from '../../src/domain/csv';
import { contactModeCoding, settingCoding } from '../../src/domain/draft-codings';
import { programReportCsv } from '../../src/domain/program-report-csv';
import { buildProgramReport, type ReportInput } from '../../src/domain/program-report';
import { reportLines } from '../../src/domain/program-report-lines';

const [EMER] = [...EMERGENCY_CLASS];
const [IMP] = [...INPATIENT_CLASS];
const PHQ9 = SCORE_MEASURES.find((m) => m.name === 'PHQ-9')?.coding;

function peer(
  id: string,
  person: string,
  start: string,
  minutes: number,
  mode: string,
  setting?: string,
  group = false,
): Encounter {
  return {
    resourceType: 'Encounter',
    id,
    status: 'finished',
    class: { code: 'AMB' },
    extension: [
      { url: EXTENSION.contactMode, valueCoding: contactModeCoding(mode) },
      { url: EXTENSION.sessionFormat, valueCoding: SESSION_FORMAT[group ? 'group' : 'individual'] },
      ...(setting ? [{ url: EXTENSION.setting, valueCoding: settingCoding(setting) }] : []),
    ],
    type: [{ coding: [CATEGORY.peerSupportService] }],
    subject: { reference: `Patient/${person}` },
    period: { start },
    length: { value: minutes, code: 'min' },
  };
}

function acute(id: string, person: string, start: string, code: string | undefined): Encounter {
  return {
    resourceType: 'Encounter',
    id,
    status: 'finished',
    class: { code },
    subject: { reference: `Patient/${person}` },
    period: { start },
  };
}

function score(
  person: string,
  when: string,
  value: number,
  checkIn: boolean,
  status: Observation['status'] = 'final',
): Observation {
  return {
    resourceType: 'Observation',
    status,
    code: { coding: [checkIn ? OBSERVATION_CODE.checkIn : (PHQ9 ?? OBSERVATION_CODE.checkIn)] },
    subject: { reference: `Patient/${person}` },
    effectiveDateTime: when,
    valueInteger: value,
  };
}

function followUp(person: string, authoredOn: string, status: Task['status']): Task {
  return {
    resourceType: 'Task',
    status,
    intent: 'order',
    code: { coding: [CATEGORY.clinicianFollowUp] },
    for: { reference: `Patient/${person}` },
    authoredOn,
  };
}

/** Hand-computed answers are in the comments next to each resource. */
const FIXTURE: ReportInput = {
  range: { from: '2026-01-01', to: '2026-06-30' },
  people: ['p1', 'p2', 'p3'],
  encounters: [
    peer('e1', 'p1', '2026-01-10T15:00:00Z', 60, 'in-person', 'clinic'), // 4 units; p1's first contact
    peer('e2', 'p1', '2026-02-10T15:00:00Z', 20, 'phone'), // 1 unit
    peer('e3', 'p1', '2026-03-01T15:00:00Z', 90, 'in-person', 'community', true), // 6 units, group
    peer('e4', 'p2', '2026-02-01T15:00:00Z', 30, 'video'), // 2 units
    peer('e5', 'p2', '2025-12-01T15:00:00Z', 30, 'video'), // before the range: p2 not in the acute cohort
    peer('e6', 'p4', '2026-01-05T15:00:00Z', 30, 'video'), // someone the user cannot see
    acute('a1', 'p1', '2025-12-01T03:00:00Z', EMER), // 40 days before: before
    acute('a2', 'p1', '2025-11-01T03:00:00Z', EMER), // 70 days before: before
    acute('a3', 'p1', '2025-10-01T08:00:00Z', IMP), // 101 days before: outside
    acute('a4', 'p1', '2026-03-15T03:00:00Z', EMER), // 64 days after: after
    acute('a5', 'p1', '2026-01-20T08:00:00Z', IMP), // 10 days after: after
    acute('a6', 'p1', '2026-05-01T08:00:00Z', IMP), // 111 days after: outside
    acute('a7', 'p3', '2026-02-01T03:00:00Z', EMER), // p3 has no peer contact
  ],
  observations: [
    score('p1', '2026-01-10T15:00:00Z', 18, false),
    score('p1', '2026-03-01T15:00:00Z', 12, false), // last: 12 − 18 = −6
    score('p1', '2026-02-10T15:00:00Z', 15, false),
    score('p2', '2026-02-01T15:00:00Z', 10, false), // one reading only
    score('p2', '2026-03-01T15:00:00Z', 5, false, 'preliminary'), // a draft's value: ignored
    score('p1', '2026-01-10T15:00:00Z', 20, true),
    score('p1', '2026-03-01T15:00:00Z', 26, true), // +6
    score('p2', '2026-02-01T15:00:00Z', 10, true),
    score('p2', '2026-06-30T15:00:00Z', 13, true), // +3; mean (6 + 3) / 2 = 4.5
    score('p2', '2026-07-01T15:00:00Z', 27, true), // after the range
  ],
  tasks: [
    followUp('p1', '2026-01-10T15:05:00Z', 'requested'),
    followUp('p2', '2026-02-01T15:05:00Z', 'accepted'),
    followUp('p4', '2026-02-01T15:05:00Z', 'accepted'),
    followUp('p1', '2025-12-01T15:05:00Z', 'completed'),
  ],
};

describe('buildProgramReport', () => {
  const report = buildProgramReport(FIXTURE);

  it('counts people served and contacts in the range among the people the user can see', () => {
    expect(report).toMatchObject({ peopleServed: 2, contacts: 4, individual: 3, group: 1 });
  });

  it('counts contacts by mode and by setting', () => {
    expect(report.byMode).toEqual([
      { label: 'In person', count: 2 },
      { label: 'Phone', count: 1 },
      { label: 'Video', count: 1 },
    ]);
    expect(report.bySetting).toEqual([
      { label: 'Not recorded', count: 2 },
      { label: 'Clinic', count: 1 },
      { label: 'Community', count: 1 },
    ]);
  });

  it('adds billable units by the 8-minute rule for every contact with a length', () => {
    expect(report).toMatchObject({ billableUnits: 13, contactsWithLength: 4 });
  });

  it('counts follow-ups raised in the range and those acknowledged', () => {
    expect(report).toMatchObject({ followUpsRaised: 2, followUpsAcknowledged: 1 });
  });

  it('gives the mean change first to last with the people who have both readings', () => {
    expect(report.measures).toEqual([
      { name: 'PHQ-9', recorded: 4, peopleWithBoth: 1, meanChange: -6, better: 'lower' },
      { name: 'Recovery check-in', recorded: 4, peopleWithBoth: 2, meanChange: 4.5, better: 'higher' },
    ]);
  });

  it('compares ED visits and admissions 90 days before and after the first peer contact', () => {
    expect(report).toMatchObject({ acutePeople: 1, acuteWindowComplete: 1 });
    expect(report.acute).toEqual([
      { label: 'Emergency department visits', before: 2, after: 1 },
      { label: 'Hospital admissions', before: 0, after: 1 },
    ]);
  });

  it('puts the count behind every figure in the table lines', () => {
    const lines = reportLines(report);
    expect(lines.every((line) => line.basis.length > 0)).toBe(true);
    expect(lines).toContainEqual({
      section: 'Recovery check-in',
      figure: 'Mean change first to last (higher is better)',
      value: '+4.5',
      basis: '2 people with a first and a last reading',
    });
  });
});

describe('buildCsv', () => {
  it('quotes commas, quotes and line breaks and ends lines with CRLF', () => {
    expect(buildCsv([['a,b', 'say "hi"', 'two\nlines', 3]])).toBe('"a,b","say ""hi""","two\nlines",3\r\n');
  });

  it('prefixes text cells starting with = + - @ so spreadsheets do not run them', () => {
    expect(['=SUM(A1)', '+1', '-2', '@cmd', 'ok'].map(csvCell)).toEqual([
      "'=SUM(A1)",
      "'+1",
      "'-2",
      "'@cmd",
      'ok',
    ]);
  });

  it('keeps computed negative numbers as numbers', () => {
    expect(csvCell(-6)).toBe('-6');
  });

  it('writes the program report with its range and a count beside every figure', () => {
    const csv = programReportCsv(report());
    expect(csv.startsWith('From,2026-01-01\r\nTo,2026-06-30\r\nSection,Figure,Value,Based on\r\n')).toBe(
      true,
    );
    expect(csv).toContain(
      'PHQ-9,Mean change first to last (lower is better),-6,1 person with a first and a last reading\r\n',
    );
  });
});

function report(): ReturnType<typeof buildProgramReport> {
  return buildProgramReport(FIXTURE);
}
