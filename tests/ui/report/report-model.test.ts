import type { CapabilityStatement } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import {
  buildProgramReportFixture,
  FIXTURE_RANGE,
  FORMULA_DISPLAY,
} from '../../../mocks/fixtures/program-report-fixture';
import type { ReportRange } from '../../../src/domain/program-report-range';
import { readServerCapabilities } from '../../../src/domain/server-capabilities';
import { normalizeErrorMessage } from '../../../src/fhir/fhir-errors';
import { loadProgramReportInput, type ReportLoad } from '../../../src/fhir/program-report-query';
import {
  createReportModel,
  defaultRange,
  rangeProblems,
  reportFileName,
  type ReportView,
} from '../../../src/ui/report/report-model';
import { memoryFhirSession } from '../../support/memory-fhir-session';

/** The model over the demo's FHIR server holding the hand-worked fixture. */
function fixtureModel(today = '2024-03-31') {
  const memory = memoryFhirSession(buildProgramReportFixture());
  const statement = memory.server.handle({ method: 'GET', path: 'metadata' }).body as CapabilityStatement;
  const model = createReportModel({
    today,
    describeError: normalizeErrorMessage,
    load: (range) =>
      loadProgramReportInput(memory.session, {
        userRefs: ['Practitioner/pr-alex-rivera'],
        range,
        capabilities: readServerCapabilities(statement),
      }),
  });
  return { model, memory };
}

function ready(view: ReportView): Extract<ReportView, { kind: 'ready' }> {
  if (view.kind !== 'ready') {
    throw new Error(`expected the report, got ${view.kind}`);
  }
  return view;
}

describe('the program report model', () => {
  it('starts on the last 90 days, today included', () => {
    expect(defaultRange('2024-03-31')).toEqual({ from: '2024-01-02', to: '2024-03-31' });
    const { model } = fixtureModel();
    expect([model.from.value, model.to.value]).toEqual(['2024-01-02', '2024-03-31']);
  });

  it('says beside the field what is wrong with a range, and reads nothing', async () => {
    const { model, memory } = fixtureModel();
    model.setFrom('2024-04-01');
    await model.run();
    expect(model.problems.value).toEqual([
      { field: 'to', message: 'The last day must be on or after the first day.' },
    ]);
    expect(model.view.value.kind).toBe('idle');
    expect(memory.sent).toEqual([]);
  });

  it('refuses an empty or impossible date and a range longer than two years', () => {
    expect(rangeProblems('', '2024-02-30').map((p) => p.field)).toEqual(['from', 'to']);
    expect(rangeProblems('2020-01-01', '2024-01-01')[0]?.message).toMatch(/at most 731 days/);
    expect(rangeProblems('2024-01-01', '2024-01-01')).toEqual([]);
  });

  it('clears a field’s problem as soon as the field is changed', async () => {
    const { model } = fixtureModel();
    model.setFrom('');
    await model.run();
    model.setFrom('2024-01-01');
    expect(model.problems.value).toEqual([]);
  });

  it('shows the hand-worked figures for the range, each with the count behind it, and a CSV of them', async () => {
    const { model } = fixtureModel();
    model.setFrom(FIXTURE_RANGE.from);
    model.setTo(FIXTURE_RANGE.to);
    await model.run();
    const view = ready(model.view.value);
    const line = (section: string, figure: string) =>
      view.lines.find((l) => l.section === section && l.figure === figure);
    expect(line('Reach', 'People served')).toMatchObject({ value: '3', basis: '6 contacts' });
    expect(line('Billing', 'Billable units (15 minutes)')).toMatchObject({
      value: '20',
      basis: '6 contacts with a length',
    });
    expect(line('Follow-ups', 'Acknowledged')).toMatchObject({ value: '2', basis: 'of 3 raised' });
    expect(line('PHQ-9', 'Mean change first to last (lower is better)')).toMatchObject({
      value: '-4.5',
      basis: '2 people with a first and a last reading',
    });
    expect(line('Emergency department visits', '90 days before first peer contact')?.value).toBe('3');
    expect(line('Hospital admissions', '90 days after first peer contact')?.value).toBe('1');
    expect(view.empty).toBeUndefined();
    expect(view.complete).toBe(true);
    expect(view.fileName).toBe('peerbridge-program-report-2024-01-01-to-2024-03-31.csv');
    expect(view.csv).toContain('Billing,Billable units (15 minutes),20,6 contacts with a length\r\n');
    // The formula a contact mode carried is text in the CSV, not something a spreadsheet runs.
    expect(view.csv).toContain(`Contact mode,"'${FORMULA_DISPLAY.replace(/"/g, '""')}",1,6 contacts\r\n`);
  });

  it('says there were no contacts in a range without any', async () => {
    const { model } = fixtureModel();
    model.setFrom('2024-06-01');
    model.setTo('2024-06-30');
    await model.run();
    expect(ready(model.view.value).empty).toBe('no-contacts');
  });

  it('says so when the user is on nobody’s care team', async () => {
    const model = createReportModel({
      today: '2024-03-31',
      describeError: normalizeErrorMessage,
      load: (range) =>
        Promise.resolve({
          kind: 'loaded',
          input: { range, people: [], encounters: [], observations: [], tasks: [] },
          complete: true,
          requests: 1,
        }),
    });
    await model.run();
    expect(ready(model.view.value).empty).toBe('no-people');
  });

  it('shows what the EHR cannot supply when no report can be built there', async () => {
    const gaps = [{ part: 'people' as const, message: 'This EHR cannot list the care teams you are on.' }];
    const model = createReportModel({
      today: '2024-03-31',
      describeError: normalizeErrorMessage,
      load: () => Promise.resolve({ kind: 'blocked', gaps }),
    });
    await model.run();
    expect(model.view.value).toEqual({ kind: 'blocked', gaps });
  });

  it('turns a failed read into words and can try again', async () => {
    let attempts = 0;
    const model = createReportModel({
      today: '2024-03-31',
      describeError: () => 'The EHR did not answer. Check the connection and try again.',
      load: (range) => {
        attempts += 1;
        return attempts === 1
          ? Promise.reject(new Error('offline'))
          : Promise.resolve<ReportLoad>({
              kind: 'loaded',
              input: { range, people: ['p'], encounters: [], observations: [], tasks: [] },
              complete: true,
              requests: 4,
            });
      },
    });
    await model.run();
    expect(model.view.value).toEqual({
      kind: 'failed',
      message: 'The EHR did not answer. Check the connection and try again.',
    });
    await model.run();
    expect(model.view.value.kind).toBe('ready');
  });

  it('shows only the newest run’s answer when an older one arrives late', async () => {
    const answers: ((load: ReportLoad) => void)[] = [];
    const model = createReportModel({
      today: '2024-03-31',
      describeError: normalizeErrorMessage,
      load: () => new Promise<ReportLoad>((resolve) => answers.push(resolve)),
    });
    const loaded = (range: ReportRange, people: string[]): ReportLoad => ({
      kind: 'loaded',
      input: { range, people, encounters: [], observations: [], tasks: [] },
      complete: true,
      requests: 1,
    });
    const first = model.run();
    model.setFrom('2024-02-01');
    const second = model.run();
    answers[1]?.(loaded({ from: '2024-02-01', to: '2024-03-31' }, ['a']));
    answers[0]?.(loaded({ from: '2024-01-02', to: '2024-03-31' }, []));
    await Promise.all([first, second]);
    expect(ready(model.view.value).report.range.from).toBe('2024-02-01');
  });

  it('names the CSV after its range', () => {
    expect(reportFileName({ from: '2024-01-01', to: '2024-03-31' })).toBe(
      'peerbridge-program-report-2024-01-01-to-2024-03-31.csv',
    );
  });
});
