/**
 * Outcome measures and goal progress over time, with peer contacts and ED visits and hospital stays on
 * the same axis: the picture of whether peer work goes with feeling better and needing acute care less.
 * Reads Observations from any author (a PHQ-9 taken at a psychiatry visit counts as one taken by a
 * peer); only results (final, amended, corrected) are plotted, never a draft's preliminary values.
 * Where PeerBridge's work lands only as a clinical note (Epic, Oracle), the totals in the notes read
 * back are plotted too: an instrument answered item by item counts once every item is answered.
 */
import type { Observation } from 'fhir/r4';
import { CHECK_IN_ITEMS, GOAL_PROGRESS_LEVEL, OBSERVATION_CODE, SCORE_MEASURES } from './codes';
import { INSTRUMENTS } from './codes-instruments';
import { scoreInstrument } from './instrument-scoring';
import type { PeerNote } from './patient-notes';
import type { DraftMeasure } from './peer-encounter-draft';
import { goalProgressCoding } from './draft-codings';
import { codingIn, codingsOf, conceptText, integerOf, referenceString } from './fhir-read';
import { arrayOf, isRecord, textOf } from './guards';
import { referenceKey } from './references';
import type { TimelineItem } from './timeline-item';

export interface TrendPoint {
  readonly time: number;
  /** The date as the server sent it. */
  readonly date: string;
  readonly value: number;
  /** The value in words when the number is a level (goal progress), else the number. */
  readonly label: string;
}

export interface TrendSeries {
  readonly id: string;
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Which way is better, for the caption: recovery scores rise, symptom scores fall. */
  readonly better: 'higher' | 'lower';
  /** Oldest first. */
  readonly points: readonly TrendPoint[];
}

export type MarkerKind = 'peer' | 'emergency' | 'inpatient';

export interface TrendMarker {
  readonly time: number;
  readonly kind: MarkerKind;
}

export interface Trends {
  readonly series: readonly TrendSeries[];
  readonly markers: readonly TrendMarker[];
  /** The time axis: earliest to latest of every point and marker; NaN when there is nothing. */
  readonly from: number;
  readonly to: number;
}

const RESULT_STATUSES = new Set(['final', 'amended', 'corrected']);

/** A total read from a note rather than an Observation: when it was taken, and the measure. */
export interface MeasureReading {
  readonly date: string;
  readonly measure: DraftMeasure;
}

/** The score and instrument measures of signed PeerBridge notes, dated by the contact. */
export function noteReadings(notes: readonly PeerNote[]): MeasureReading[] {
  return notes.flatMap((note) =>
    note.draft.status === 'final' && note.start
      ? note.draft.measures
          .filter((m) => m.kind === 'score' || m.kind === 'instrument')
          .map((measure) => ({ date: note.start, measure }))
      : [],
  );
}

/** The total a reading gives, under the code of its total Observation; none for a partial instrument. */
function readingTotal(measure: DraftMeasure): { code: string; value: number } | undefined {
  if (measure.kind === 'score') {
    return { code: measure.code, value: measure.value };
  }
  if (measure.kind !== 'instrument') {
    return undefined;
  }
  const instrument = INSTRUMENTS.get(measure.instrument);
  const total = instrument ? scoreInstrument(instrument, measure.answers).total : undefined;
  return instrument && total !== undefined ? { code: instrument.total.code, value: total } : undefined;
}

/** "0 to 27, lower is better": what a reader needs to read any number of the series. */
export function seriesScale(series: TrendSeries): string {
  return `${series.min} to ${series.max}, ${series.better} is better`;
}
const CHECK_IN_SYSTEM = CHECK_IN_ITEMS[0]?.system ?? '';
const CHECK_IN_MAX = CHECK_IN_ITEMS.length * 5;

interface Builder {
  readonly id: string;
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly better: 'higher' | 'lower';
  readonly points: TrendPoint[];
}

function hasCode(obs: Observation, system: string, code: string): boolean {
  return codingsOf(obs.code).some((c) => c.system === system && c.code === code);
}

function effective(obs: Observation): { date: string; time: number } | undefined {
  const date = textOf(obs.effectiveDateTime) ?? textOf(obs.effectivePeriod?.start) ?? textOf(obs.issued);
  const time = date ? Date.parse(date) : Number.NaN;
  return date && !Number.isNaN(time) ? { date, time } : undefined;
}

export function buildTrends(
  observations: readonly Observation[],
  items: readonly TimelineItem[],
  readings: readonly MeasureReading[] = [],
): Trends {
  const builders = new Map<string, Builder>();
  const series = (id: string, make: () => Omit<Builder, 'points' | 'id'>): Builder => {
    let builder = builders.get(id);
    if (!builder) {
      builder = { id, ...make(), points: [] };
      builders.set(id, builder);
    }
    return builder;
  };
  const scoreSeries = (measure: (typeof SCORE_MEASURES)[number]): Builder =>
    series(measure.coding.code, () => ({
      name: `${measure.name} total`,
      min: measure.min,
      max: measure.max,
      better: measure.better,
    }));
  // Our CodeSystem's display carries the product name; the chart says what it measures.
  const checkInName = 'Recovery check-in';

  for (const obs of observations) {
    const when = isRecord(obs) && RESULT_STATUSES.has(obs.status) ? effective(obs) : undefined;
    if (!when) {
      continue;
    }
    if (hasCode(obs, OBSERVATION_CODE.checkIn.system, OBSERVATION_CODE.checkIn.code)) {
      const total = integerOf(obs.valueInteger);
      if (total !== undefined) {
        series('check-in', () => ({
          name: `${checkInName} total`,
          min: 0,
          max: CHECK_IN_MAX,
          better: 'higher',
        })).points.push({ ...when, value: total, label: String(total) });
      }
      for (const component of arrayOf(obs.component)) {
        const item = isRecord(component) ? codingIn(component.code, CHECK_IN_SYSTEM) : undefined;
        const score = integerOf(isRecord(component) ? component.valueInteger : undefined);
        const known = CHECK_IN_ITEMS.find((c) => c.code === item?.code);
        if (known && score !== undefined) {
          series(`check-in:${known.code}`, () => ({
            name: `${checkInName}: ${known.display}`,
            min: 1,
            max: 5,
            better: 'higher',
          })).points.push({ ...when, value: score, label: String(score) });
        }
      }
      continue;
    }
    const measure = SCORE_MEASURES.find((m) => hasCode(obs, m.coding.system, m.coding.code));
    if (measure) {
      const value = integerOf(obs.valueInteger) ?? integerOf(obs.valueQuantity?.value);
      if (value !== undefined) {
        scoreSeries(measure).points.push({ ...when, value, label: String(value) });
      }
      continue;
    }
    if (hasCode(obs, OBSERVATION_CODE.goalProgress.system, OBSERVATION_CODE.goalProgress.code)) {
      const code = textOf(codingsOf(obs.valueCodeableConcept)[0]?.code) ?? '';
      const level = GOAL_PROGRESS_LEVEL.get(code);
      const focus: unknown = arrayOf(obs.focus)[0];
      const goalKey = referenceKey(referenceString(focus)) ?? '';
      const goalName = (isRecord(focus) ? textOf(focus.display) : undefined) ?? 'a goal';
      if (level !== undefined && goalKey) {
        series(`goal:${goalKey}`, () => ({
          name: `Goal: ${goalName}`,
          min: 1,
          max: 5,
          better: 'higher',
        })).points.push({
          ...when,
          value: level,
          label: goalProgressCoding(code).display ?? conceptText(obs.valueCodeableConcept),
        });
      }
    }
  }

  // A note's total also written as an Observation (the note and the structured record on one server)
  // is one reading: the Observation's stands.
  for (const reading of readings) {
    const total = readingTotal(reading.measure);
    const measure = total && SCORE_MEASURES.find((m) => m.coding.code === total.code);
    const time = Date.parse(reading.date);
    if (!total || !measure || Number.isNaN(time)) {
      continue;
    }
    const builder = scoreSeries(measure);
    if (!builder.points.some((p) => p.time === time)) {
      builder.points.push({ date: reading.date, time, value: total.value, label: String(total.value) });
    }
  }

  const markers: TrendMarker[] = [];
  for (const item of items) {
    if (Number.isNaN(item.time)) {
      continue;
    }
    if (item.kind === 'peer') {
      markers.push({ time: item.time, kind: 'peer' });
    } else if (item.category === 'emergency' || item.category === 'inpatient') {
      markers.push({ time: item.time, kind: item.category });
    }
  }
  markers.sort((a, b) => a.time - b.time);

  const all = [...builders.values()].map((b) => ({ ...b, points: b.points.sort((x, y) => x.time - y.time) }));
  const times = [...all.flatMap((s) => s.points.map((p) => p.time)), ...markers.map((m) => m.time)];
  // Check-in first, then its items, then clinical scores, then goals: the order a reader scans.
  const order = (id: string): number => {
    if (id === 'check-in') {
      return 0;
    }
    if (id.startsWith('check-in:')) {
      return 1;
    }
    return id.startsWith('goal:') ? 3 : 2;
  };
  all.sort((a, b) => order(a.id) - order(b.id) || a.name.localeCompare(b.name));
  // A loop, not Math.min(...times): ten years of readings is too many arguments for one call.
  let from = Number.NaN;
  let to = Number.NaN;
  for (const time of times) {
    from = Number.isNaN(from) || time < from ? time : from;
    to = Number.isNaN(to) || time > to ? time : to;
  }
  return { series: all, markers, from, to };
}
