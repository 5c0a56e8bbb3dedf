/**
 * Scoring tables for the instruments a peer gives item by item. Every expected total and band here is
 * worked out by hand from the published scoring, not from the Questionnaires' ordinalValue, so a
 * wrong point in fhir-profiles/ fails a case:
 * - PHQ-9: items 0-3, total 0-27; 5, 10, 15 and 20 start mild, moderate, moderately severe and
 *   severe (Kroenke, Spitzer, Williams, J Gen Intern Med 2001;16:606-13).
 * - GAD-7: items 0-3, total 0-21; 5, 10 and 15 start mild, moderate and severe (Spitzer et al.,
 *   Arch Intern Med 2006;166:1092-7).
 * - BARC-10: items 1 (strongly disagree) to 6 (strongly agree), total 10-60; 47 the cut-off for
 *   sustained remission (Vilsaint et al., Drug Alcohol Depend 2017;177:71-6; PhenX protocol 590502).
 * - QPR-15: items 0 (disagree strongly) to 4 (agree strongly), total 0-60, no bands (Law et al. 2014;
 *   PhenX protocol 661101).
 */
import { describe, expect, it } from 'vitest';
import { instrumentById, INSTRUMENTS, type InstrumentId } from '../../src/domain/codes-instruments';
import { safetyAnswerOf, scoreInstrument, type InstrumentAnswers } from '../../src/domain/instrument-scoring';

/** The published answer lists, in order of their points. */
const FREQUENCY = ['LA6568-5', 'LA6569-3', 'LA6570-1', 'LA6571-9']; // LOINC LL358-3: 0..3
const BARC_AGREEMENT = [
  'strongly-disagree',
  'disagree',
  'somewhat-disagree',
  'somewhat-agree',
  'agree',
  'strongly-agree',
]; // 1..6
const QPR_AGREEMENT = ['disagree-strongly', 'disagree', 'neither', 'agree', 'agree-strongly']; // 0..4

const PHQ9_ITEMS = [
  '44250-9',
  '44255-8',
  '44259-0',
  '44254-1',
  '44251-7',
  '44258-2',
  '44252-5',
  '44253-3',
  '44260-8',
];
const GAD7_ITEMS = ['69725-0', '68509-9', '69733-4', '69734-2', '69735-9', '69689-8', '69736-7'];
const BARC10_ITEMS = Array.from({ length: 10 }, (_, i) => `barc-10-${i + 1}`);
const QPR15_ITEMS = Array.from({ length: 15 }, (_, i) => `qpr-15-${i + 1}`);

/** Answers from the points given to each item in order, through the published answer list. */
function answersOf(
  linkIds: readonly string[],
  scale: readonly string[],
  points: readonly number[],
  lowest = 0,
): InstrumentAnswers {
  expect(points).toHaveLength(linkIds.length);
  return Object.fromEntries(linkIds.map((linkId, i) => [linkId, scale[(points[i] ?? -1) - lowest]]));
}
const phq9 = (...points: number[]) => answersOf(PHQ9_ITEMS, FREQUENCY, points);
const gad7 = (...points: number[]) => answersOf(GAD7_ITEMS, FREQUENCY, points);
const barc10 = (...points: number[]) => answersOf(BARC10_ITEMS, BARC_AGREEMENT, points, 1);
const qpr15 = (...points: number[]) => answersOf(QPR15_ITEMS, QPR_AGREEMENT, points);

describe('scoreInstrument', () => {
  it.each([
    ['all "Not at all"', phq9(0, 0, 0, 0, 0, 0, 0, 0, 0), 0, 'Minimal'],
    ['4, the top of minimal', phq9(1, 1, 1, 1, 0, 0, 0, 0, 0), 4, 'Minimal'],
    ['5, the start of mild', phq9(1, 1, 1, 1, 1, 0, 0, 0, 0), 5, 'Mild'],
    ['9, the top of mild', phq9(3, 3, 3, 0, 0, 0, 0, 0, 0), 9, 'Mild'],
    ['10, the start of moderate', phq9(3, 3, 3, 1, 0, 0, 0, 0, 0), 10, 'Moderate'],
    ['14, the top of moderate', phq9(2, 2, 2, 2, 2, 2, 2, 0, 0), 14, 'Moderate'],
    ['15, the start of moderately severe', phq9(2, 2, 2, 2, 2, 2, 2, 1, 0), 15, 'Moderately severe'],
    ['19, the top of moderately severe', phq9(3, 3, 3, 3, 3, 2, 2, 0, 0), 19, 'Moderately severe'],
    ['20, the start of severe', phq9(3, 3, 3, 3, 3, 3, 2, 0, 0), 20, 'Severe'],
    ['all "Nearly every day"', phq9(3, 3, 3, 3, 3, 3, 3, 3, 3), 27, 'Severe'],
  ])('totals a PHQ-9 with %s as %i, %s', (_, answers, total, band) => {
    const score = scoreInstrument(instrumentById('phq-9'), answers);
    expect(score).toMatchObject({ answered: 9, of: 9, total, missing: [] });
    expect(score.band?.label).toBe(band);
  });

  it.each([
    ['all "Not at all"', gad7(0, 0, 0, 0, 0, 0, 0), 0, 'Minimal'],
    ['4, the top of minimal', gad7(1, 1, 1, 1, 0, 0, 0), 4, 'Minimal'],
    ['5, the start of mild', gad7(1, 1, 1, 1, 1, 0, 0), 5, 'Mild'],
    ['9, the top of mild', gad7(3, 3, 3, 0, 0, 0, 0), 9, 'Mild'],
    ['10, the start of moderate', gad7(3, 3, 3, 1, 0, 0, 0), 10, 'Moderate'],
    ['14, the top of moderate', gad7(2, 2, 2, 2, 2, 2, 2), 14, 'Moderate'],
    ['15, the start of severe', gad7(3, 2, 2, 2, 2, 2, 2), 15, 'Severe'],
    ['all "Nearly every day"', gad7(3, 3, 3, 3, 3, 3, 3), 21, 'Severe'],
  ])('totals a GAD-7 with %s as %i, %s', (_, answers, total, band) => {
    const score = scoreInstrument(instrumentById('gad-7'), answers);
    expect(score).toMatchObject({ answered: 7, of: 7, total, missing: [] });
    expect(score.band?.label).toBe(band);
  });

  it.each([
    ['all "Strongly disagree"', barc10(1, 1, 1, 1, 1, 1, 1, 1, 1, 1), 10, 'Below 47'],
    ['46, one below the cut-off', barc10(5, 5, 5, 5, 5, 5, 4, 4, 4, 4), 46, 'Below 47'],
    ['47, the cut-off', barc10(5, 5, 5, 5, 5, 5, 5, 4, 4, 4), 47, '47 or more'],
    ['all "Strongly agree"', barc10(6, 6, 6, 6, 6, 6, 6, 6, 6, 6), 60, '47 or more'],
  ])('totals a BARC-10 with %s as %i, %s', (_, answers, total, band) => {
    const score = scoreInstrument(instrumentById('barc-10'), answers);
    expect(score).toMatchObject({ answered: 10, of: 10, total, missing: [] });
    expect(score.band?.label).toBe(band);
  });

  it.each([
    ['all "Disagree strongly"', qpr15(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 0],
    ['every answer three times', qpr15(0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1, 2, 3, 4), 30],
    ['mostly "Agree"', qpr15(3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4, 4, 2, 1, 0), 41],
    ['all "Agree strongly"', qpr15(4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4), 60],
  ])('totals a QPR-15 with %s as %i, with no band', (_, answers, total) => {
    const score = scoreInstrument(instrumentById('qpr-15'), answers);
    expect(score).toMatchObject({ answered: 15, of: 15, total, missing: [] });
    expect(score.band).toBeUndefined();
  });

  it('gives no total for a partly answered PHQ-9 and lists the missing items in order', () => {
    const answers = { '44250-9': 'LA6571-9', '44255-8': 'LA6570-1', '44254-1': 'LA6569-3' };
    const score = scoreInstrument(instrumentById('phq-9'), answers);
    expect(score.total).toBeUndefined();
    expect(score.band).toBeUndefined();
    expect(score).toMatchObject({ answered: 3, of: 9 });
    expect(score.missing.map((item) => item.linkId)).toEqual([
      '44259-0',
      '44251-7',
      '44258-2',
      '44252-5',
      '44253-3',
      '44260-8',
    ]);
  });

  it('gives no total when one BARC-10 item is left out, even one whose points would not change the band', () => {
    const { 'barc-10-10': _left, ...answers } = barc10(6, 6, 6, 6, 6, 6, 6, 6, 6, 6);
    const score = scoreInstrument(instrumentById('barc-10'), answers);
    expect(score.total).toBeUndefined();
    expect(score.missing.map((item) => item.linkId)).toEqual(['barc-10-10']);
  });

  it('counts an answer code that is not in the item’s answer list as unanswered', () => {
    const answers = { ...phq9(1, 1, 1, 1, 1, 1, 1, 1, 1), '44250-9': 'strongly-agree' };
    const score = scoreInstrument(instrumentById('phq-9'), answers);
    expect(score.total).toBeUndefined();
    expect(score).toMatchObject({ answered: 8, of: 9 });
    expect(score.missing.map((item) => item.linkId)).toEqual(['44250-9']);
  });

  it('counts a PHQ-9 answer given to a BARC-10 item as unanswered', () => {
    const answers = { ...barc10(3, 3, 3, 3, 3, 3, 3, 3, 3, 3), 'barc-10-4': 'LA6571-9' };
    const score = scoreInstrument(instrumentById('barc-10'), answers);
    expect(score.total).toBeUndefined();
    expect(score.missing.map((item) => item.linkId)).toEqual(['barc-10-4']);
  });

  it('ignores answers to linkIds the instrument does not have', () => {
    const answers = { ...gad7(1, 1, 1, 1, 1, 1, 1), '44260-8': 'LA6571-9' };
    expect(scoreInstrument(instrumentById('gad-7'), answers).total).toBe(7);
  });
});

describe('safetyAnswerOf', () => {
  const phq = instrumentById('phq-9');

  it('finds no safety answer when PHQ-9 item 9 is "Not at all", whatever the total', () => {
    expect(safetyAnswerOf(phq, phq9(3, 3, 3, 3, 3, 3, 3, 3, 0))).toBeUndefined();
  });

  it.each([
    [1, 'Several days'],
    [2, 'More than half the days'],
    [3, 'Nearly every day'],
  ])('treats PHQ-9 item 9 answered %i as a safety event whose reason names "%s"', (points, display) => {
    const safety = safetyAnswerOf(phq, phq9(0, 0, 0, 0, 0, 0, 0, 0, points));
    expect(safety?.item.linkId).toBe('44260-8');
    expect(safety?.answer.points).toBe(points);
    expect(safety?.reason).toContain('PHQ-9 item 9');
    expect(safety?.reason).toContain(display);
  });

  it('finds the safety answer as soon as item 9 is answered, before the rest of the PHQ-9', () => {
    const safety = safetyAnswerOf(phq, { '44260-8': 'LA6569-3' });
    expect(safety?.reason).toContain('Several days');
    expect(scoreInstrument(phq, { '44260-8': 'LA6569-3' }).total).toBeUndefined();
  });

  it('finds no safety answer when item 9 is unanswered or answered with a code not in its list', () => {
    expect(safetyAnswerOf(phq, {})).toBeUndefined();
    expect(safetyAnswerOf(phq, { '44260-8': 'agree-strongly' })).toBeUndefined();
  });

  it.each(['gad-7', 'barc-10', 'qpr-15'] as const)('gives %s no safety item', (id) => {
    const instrument = instrumentById(id);
    expect(instrument.safetyItem).toBeUndefined();
    const highest = Object.fromEntries(
      instrument.items.map((item) => [item.linkId, item.answers.at(-1)?.coding.code]),
    );
    expect(safetyAnswerOf(instrument, highest)).toBeUndefined();
  });
});

describe('INSTRUMENTS read from the Questionnaires', () => {
  it.each<[InstrumentId, readonly string[], readonly string[], readonly number[], number, number]>([
    ['phq-9', PHQ9_ITEMS, FREQUENCY, [0, 1, 2, 3], 0, 27],
    ['gad-7', GAD7_ITEMS, FREQUENCY, [0, 1, 2, 3], 0, 21],
    ['barc-10', BARC10_ITEMS, BARC_AGREEMENT, [1, 2, 3, 4, 5, 6], 10, 60],
    ['qpr-15', QPR15_ITEMS, QPR_AGREEMENT, [0, 1, 2, 3, 4], 0, 60],
  ])(
    '%s has its items in order, each with the published answers and points, and ranges as published',
    (id, linkIds, codes, points, min, max) => {
      const instrument = instrumentById(id);
      expect(instrument.items.map((item) => item.linkId)).toEqual(linkIds);
      for (const item of instrument.items) {
        expect(
          item.answers.map((a) => a.coding.code),
          item.linkId,
        ).toEqual(codes);
        expect(
          item.answers.map((a) => a.points),
          item.linkId,
        ).toEqual(points);
      }
      expect({ min: instrument.min, max: instrument.max }).toEqual({ min, max });
    },
  );

  it('codes the PHQ-9 and GAD-7 items with their LOINC item codes', () => {
    for (const id of ['phq-9', 'gad-7'] as const) {
      for (const item of instrumentById(id).items) {
        expect(item.code).toMatchObject({ system: 'http://loinc.org', code: item.linkId });
      }
    }
  });

  it.each([
    ['phq-9', 'http://loinc.org', '44261-6', 'lower'],
    ['gad-7', 'http://loinc.org', '70274-6', 'lower'],
    [
      'barc-10',
      'https://peerbridge.example.org/fhir/CodeSystem/peer-observation-type',
      'barc-10-total',
      'higher',
    ],
    [
      'qpr-15',
      'https://peerbridge.example.org/fhir/CodeSystem/peer-observation-type',
      'qpr-15-total',
      'higher',
    ],
  ] as const)('writes the %s total as %s|%s, %s is better', (id, system, code, better) => {
    const instrument = instrumentById(id);
    expect(instrument.total).toMatchObject({ system, code });
    expect(instrument.better).toBe(better);
  });

  it('bands cover every possible total exactly once, where an instrument has bands', () => {
    for (const instrument of INSTRUMENTS.values()) {
      if (instrument.bands.length === 0) {
        continue;
      }
      for (let total = instrument.min; total <= instrument.max; total += 1) {
        const matching = instrument.bands.filter((b) => total >= b.min && total <= b.max);
        expect(matching, `${instrument.name} ${total}`).toHaveLength(1);
      }
    }
  });

  it('makes PHQ-9 item 9, its last item, the one safety item, from its first answer above "Not at all"', () => {
    const phq = instrumentById('phq-9');
    expect(phq.safetyItem).toMatchObject({ linkId: phq.items.at(-1)?.linkId, fromPoints: 1 });
    expect(phq.items).toHaveLength(9);
  });

  it('carries each Questionnaire’s url and version as the canonical a QuestionnaireResponse names', () => {
    for (const instrument of INSTRUMENTS.values()) {
      expect(instrument.canonical).toBe(
        `https://peerbridge.example.org/fhir/Questionnaire/${instrument.id}|0.1.0`,
      );
    }
  });
});
