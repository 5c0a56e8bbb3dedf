/**
 * The program report screen's state: the range being typed, its problems, and the report last
 * loaded, as signals with actions; the component only renders them. The range the figures are for is
 * kept apart from the range being typed, so a half-typed date never relabels figures already shown.
 */
import { batch, signal, type ReadonlySignal } from '@preact/signals';
import { buildProgramReport, type ProgramReport, type ReportGap } from '../../domain/program-report';
import { reportLines, type ReportLine } from '../../domain/program-report-lines';
import type { ReportRange } from '../../domain/program-report-range';
import { programReportCsv } from '../../domain/program-report-csv';
import type { ReportLoad } from '../../fhir/program-report-query';

/** Longest range one report reads: two years keeps the requests bounded and covers an annual report. */
export const MAX_RANGE_DAYS = 731;
/** The default range: the last 90 days, today included. */
export const DEFAULT_RANGE_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

export type ReportView =
  | { readonly kind: 'idle' }
  | { readonly kind: 'loading'; readonly range: ReportRange }
  | { readonly kind: 'blocked'; readonly gaps: readonly ReportGap[] }
  | { readonly kind: 'failed'; readonly message: string }
  | {
      readonly kind: 'ready';
      readonly report: ProgramReport;
      readonly lines: readonly ReportLine[];
      /** False when a bound cut a search short: the figures are a lower bound. */
      readonly complete: boolean;
      readonly requests: number;
      /** Nobody on the user's care teams, or no peer contact in the range. */
      readonly empty: 'no-people' | 'no-contacts' | undefined;
      readonly csv: string;
      readonly fileName: string;
    };

export interface RangeProblem {
  readonly field: 'from' | 'to';
  readonly message: string;
}

export interface ReportModelOptions {
  /** Loads the report's resources for a range; may reject with any error. */
  readonly load: (range: ReportRange) => Promise<ReportLoad>;
  /** Today's calendar date in the user's time zone, YYYY-MM-DD. */
  readonly today: string;
  /** Turns a failure into words a person can read. */
  readonly describeError: (error: unknown) => string;
}

export interface ReportModel {
  readonly from: ReadonlySignal<string>;
  readonly to: ReadonlySignal<string>;
  readonly problems: ReadonlySignal<readonly RangeProblem[]>;
  readonly view: ReadonlySignal<ReportView>;
  setFrom(value: string): void;
  setTo(value: string): void;
  /** Validates the range and, when it is sound, loads the report for it. */
  run(): Promise<void>;
}

function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) {
    return false;
  }
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

function shift(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The last `DEFAULT_RANGE_DAYS` days up to and including `today`. */
export function defaultRange(today: string): ReportRange {
  return { from: shift(today, -(DEFAULT_RANGE_DAYS - 1)), to: today };
}

/** What is wrong with a range, in words beside the field that has to change. */
export function rangeProblems(from: string, to: string): RangeProblem[] {
  const problems: RangeProblem[] = [];
  if (!isCalendarDate(from)) {
    problems.push({ field: 'from', message: 'Enter the first day of the report as a date.' });
  }
  if (!isCalendarDate(to)) {
    problems.push({ field: 'to', message: 'Enter the last day of the report as a date.' });
  }
  if (problems.length > 0) {
    return problems;
  }
  if (from > to) {
    return [{ field: 'to', message: 'The last day must be on or after the first day.' }];
  }
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
  if (days > MAX_RANGE_DAYS) {
    return [
      {
        field: 'from',
        message: `A report covers at most ${MAX_RANGE_DAYS} days (two years); this range has ${days}. Move the first day later.`,
      },
    ];
  }
  return [];
}

/** The CSV's file name says which range it holds, so two downloads are never confused. */
export function reportFileName(range: ReportRange): string {
  return `peerbridge-program-report-${range.from}-to-${range.to}.csv`;
}

function emptyKind(report: ProgramReport, people: number): 'no-people' | 'no-contacts' | undefined {
  if (people === 0) {
    return 'no-people';
  }
  return report.contacts === 0 ? 'no-contacts' : undefined;
}

export function createReportModel(options: ReportModelOptions): ReportModel {
  const initial = defaultRange(options.today);
  const from = signal(initial.from);
  const to = signal(initial.to);
  const problems = signal<readonly RangeProblem[]>([]);
  const view = signal<ReportView>({ kind: 'idle' });
  /** Only the newest run may show its answer: an older, slower one is dropped. */
  let generation = 0;

  async function run(): Promise<void> {
    const found = rangeProblems(from.value, to.value);
    problems.value = found;
    if (found.length > 0) {
      return;
    }
    const range: ReportRange = { from: from.value, to: to.value };
    generation += 1;
    const mine = generation;
    view.value = { kind: 'loading', range };
    try {
      const loaded = await options.load(range);
      if (mine !== generation) {
        return;
      }
      if (loaded.kind === 'blocked') {
        view.value = { kind: 'blocked', gaps: loaded.gaps };
        return;
      }
      const report = buildProgramReport(loaded.input);
      view.value = {
        kind: 'ready',
        report,
        lines: reportLines(report),
        complete: loaded.complete,
        requests: loaded.requests,
        empty: emptyKind(report, loaded.input.people.length),
        csv: programReportCsv(report),
        fileName: reportFileName(range),
      };
    } catch (error) {
      if (mine === generation) {
        view.value = { kind: 'failed', message: options.describeError(error) };
      }
    }
  }

  return {
    from,
    to,
    problems,
    view,
    setFrom(value) {
      batch(() => {
        from.value = value;
        problems.value = problems.value.filter((p) => p.field !== 'from');
      });
    },
    setTo(value) {
      batch(() => {
        to.value = value;
        problems.value = problems.value.filter((p) => p.field !== 'to');
      });
    },
    run,
  };
}
