import type { Encounter, FhirResource, Observation } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { buildLargeHistory } from '../../mocks/fixtures/large-history';
import { lenaPart2Draft, mariaIndividualDraft } from '../../mocks/fixtures/drafts';
import { buildTrends } from '../../src/domain/outcome-trends';
import { buildTimeline } from '../../src/domain/timeline';
import { storedNote } from './support/stored-note';

const NOW = new Date('2026-11-20T12:00:00Z');
const observations = (resources: FhirResource[]) =>
  resources.filter((r): r is Observation => r.resourceType === 'Observation');
const encounters = (resources: FhirResource[]) =>
  resources.filter((r): r is Encounter => r.resourceType === 'Encounter');

describe('buildTrends', () => {
  const maria = storedNote(mariaIndividualDraft, 1000);
  const trends = buildTrends(observations(maria), buildTimeline(encounters(maria), { now: NOW }).items);

  it('plots the recovery check-in total and each item', () => {
    expect(trends.series.map((s) => s.name).slice(0, 2)).toEqual([
      'Recovery check-in total',
      'Recovery check-in: Confidence',
    ]);
    expect(trends.series[0]?.points.map((p) => p.value)).toEqual([17]);
    expect(trends.series[0]).toMatchObject({ min: 0, max: 25, better: 'higher' });
  });

  it('plots goal progress as a level with its words', () => {
    const goal = trends.series.find((s) => s.name === 'Goal: Get back to my Sunday choir');
    expect(goal?.points).toEqual([expect.objectContaining({ value: 4, label: 'Improving' })]);
  });

  it('marks the peer contact on the same axis', () => {
    expect(trends.markers).toEqual([{ time: Date.parse(mariaIndividualDraft.start), kind: 'peer' }]);
    expect(trends.from).toBe(Date.parse(mariaIndividualDraft.start));
  });

  it('never plots a draft’s preliminary values', () => {
    const lena = buildTrends(observations(storedNote(lenaPart2Draft, 2000)), []);
    expect(lena.series).toEqual([]);
  });

  it('follows ten years of weekly scores, oldest first, with ED visits and stays marked', () => {
    const record = buildLargeHistory(NOW);
    const large = buildTrends(observations(record), buildTimeline(encounters(record), { now: NOW }).items);
    const phq9 = large.series.find((s) => s.name === 'PHQ-9 total');
    expect(phq9?.points.length).toBe(499);
    expect(phq9?.better).toBe('lower');
    const times = phq9?.points.map((p) => p.time) ?? [];
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(large.markers.filter((m) => m.kind === 'emergency')).toHaveLength(8);
    expect(large.markers.filter((m) => m.kind === 'inpatient')).toHaveLength(3);
  });
});
