import type { Encounter, FhirResource, Observation } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { buildLargeHistory } from '../../mocks/fixtures/large-history';
import { FIXTURE_NOW, lenaPart2Draft, mariaIndividualDraft } from '../../mocks/fixtures/drafts';
import { answersWithPoints } from '../../mocks/fixtures/instrument-answers';
import { buildClinicalNote } from '../../src/domain/clinical-note';
import { instrumentById } from '../../src/domain/codes-instruments';
import { scoreInstrument } from '../../src/domain/instrument-scoring';
import { buildTrends, noteReadings, seriesScale } from '../../src/domain/outcome-trends';
import { readNotes, type PeerNote } from '../../src/domain/patient-notes';
import type { PeerEncounterDraft } from '../../src/domain/peer-encounter-draft';
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

describe('buildTrends with standard instruments', () => {
  const phq9Answers = answersWithPoints('phq-9', [2, 2, 1, 2, 1, 1, 1, 0, 1]);
  const barcAnswers = answersWithPoints('barc-10', [4, 4, 3, 4, 5, 3, 4, 4, 3, 4]);
  const instrumentDraft: PeerEncounterDraft = {
    ...mariaIndividualDraft,
    status: 'final',
    measures: [
      { kind: 'instrument', instrument: 'phq-9', answers: phq9Answers },
      { kind: 'instrument', instrument: 'barc-10', answers: barcAnswers },
    ],
  };
  const expectedPhq9 = scoreInstrument(instrumentById('phq-9'), phq9Answers).total;
  const expectedBarc = scoreInstrument(instrumentById('barc-10'), barcAnswers).total;

  function noteOf(draft: PeerEncounterDraft, start: string): PeerNote {
    const note = readNotes([
      {
        ...buildClinicalNote(draft, {
          author: { practitioner: 'Practitioner/pr-alex-rivera', display: 'Alex Rivera' },
          now: FIXTURE_NOW,
        }),
        id: `note-${start}`,
      },
    ])[0];
    if (note?.kind !== 'peer') {
      throw new Error('not read back as a PeerBridge note');
    }
    // Read as the note reading gives it (clinical-note-parse.ts): the instruments item by item.
    return { ...note, start, draft: { ...note.draft, measures: draft.measures } };
  }

  it('plots the BARC-10 total Observation as higher-is-better on its 10 to 60 scale', () => {
    const stored = storedNote(instrumentDraft, 3000);
    const trends = buildTrends(observations(stored), []);
    const barc = trends.series.find((s) => s.name === 'BARC-10 total');
    expect(barc).toMatchObject({ min: 10, max: 60, better: 'higher' });
    expect(barc?.points.map((p) => p.value)).toEqual([expectedBarc]);
    expect(barc && seriesScale(barc)).toBe('10 to 60, higher is better');
    const phq9 = trends.series.find((s) => s.name === 'PHQ-9 total');
    expect(phq9 && seriesScale(phq9)).toBe('0 to 27, lower is better');
  });

  it('plots the totals of instruments in notes read back, scored from their items', () => {
    const readings = noteReadings([
      noteOf(instrumentDraft, '2026-10-01T15:00:00Z'),
      noteOf(instrumentDraft, '2026-11-01T15:00:00Z'),
    ]);
    const trends = buildTrends([], [], readings);
    expect(trends.series.map((s) => s.name)).toEqual(['BARC-10 total', 'PHQ-9 total']);
    expect(trends.series.find((s) => s.name === 'PHQ-9 total')?.points.map((p) => p.value)).toEqual([
      expectedPhq9,
      expectedPhq9,
    ]);
  });

  it('does not plot an instrument with unanswered items', () => {
    const { '44260-8': _item9, ...partial } = phq9Answers;
    const readings = noteReadings([
      noteOf(
        { ...instrumentDraft, measures: [{ kind: 'instrument', instrument: 'phq-9', answers: partial }] },
        '2026-10-01T15:00:00Z',
      ),
    ]);
    expect(buildTrends([], [], readings).series).toEqual([]);
  });

  it('counts a total once when both the note and its Observation carry it', () => {
    const stored = storedNote(instrumentDraft, 4000);
    const readings = noteReadings([noteOf(instrumentDraft, instrumentDraft.start)]);
    const trends = buildTrends(observations(stored), [], readings);
    expect(trends.series.find((s) => s.name === 'BARC-10 total')?.points).toHaveLength(1);
  });
});
