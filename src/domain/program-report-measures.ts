/** The outcome measures of a program report: recovery check-in and the total scores, mean change first vs last. */
import type { Observation } from 'fhir/r4';
import { OBSERVATION_CODE, SCORE_MEASURES } from './codes';
import { codingsOf, integerOf } from './fhir-read';
import { dayOf, inRange, patientOf, timeOf, type ReportRange } from './program-report-range';

const RESULT_STATUSES = new Set(['final', 'amended', 'corrected']);

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
  return { id: measure.coding.code, name: measure.name, better: measure.better, value };
}

/**
 * Outcome measures in the range, per instrument: how many were recorded and the mean change from each
 * person's first to last reading. Only results (final, amended, corrected) about people the user can see.
 */
export function measureChanges(
  observations: readonly Observation[],
  range: ReportRange,
  people: ReadonlySet<string>,
): MeasureChange[] {
  const series = new Map<
    string,
    { name: string; better: 'higher' | 'lower'; recorded: number; byPerson: Map<string, Reading[]> }
  >();
  for (const obs of observations) {
    if (!RESULT_STATUSES.has(obs.status)) {
      continue;
    }
    const person = patientOf(obs.subject, people);
    const when = obs.effectiveDateTime ?? obs.effectivePeriod?.start ?? obs.issued;
    const time = timeOf(when);
    const reading = measureReadings(obs);
    if (!person || time === undefined || !reading || !inRange(dayOf(when), range)) {
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
