/** fast-check generators of valid PeerEncounterDrafts, built from the lists fhir-profiles gives. */
import fc from 'fast-check';
import {
  ACTIVITIES,
  CHECK_IN_ITEMS,
  CONTACT_MODES,
  FOLLOW_UP_REASONS,
  FOLLOW_UP_URGENCIES,
  GOAL_PROGRESS,
  RESPONSES,
  SCORE_MEASURES,
  SETTINGS,
} from '../../../src/domain/codes';
import { INSTRUMENTS } from '../../../src/domain/codes-instruments';
import { formatDateTimeAt } from '../../../src/domain/date-time';
import { scoreInstrument } from '../../../src/domain/instrument-scoring';
import type {
  CheckInScore,
  DraftGoalProgress,
  DraftMeasure,
  PeerEncounterDraft,
} from '../../../src/domain/peer-encounter-draft';

export const NOW = new Date('2026-11-20T17:05:00Z');
const codes = (list: readonly { code: string }[]): string[] => list.map((c) => c.code);

/** Text a peer might type, including markup and odd characters that must stay plain text. */
export const textArb = fc.oneof(
  fc.string({ minLength: 1, maxLength: 80 }),
  fc.constantFrom(
    '<script>alert("x")</script>',
    '<b>bold</b> & "quotes" \'single\'',
    'Émilie’s café — 😀 ✓',
    '  leading and trailing  ',
    'line one\nline two\r\n\ttab',
    '${notATemplate} %s {{mustache}}',
  ),
);
const optionalText = fc.option(textArb, { nil: undefined });
export const safeKeyArb = fc.stringMatching(/^[A-Za-z0-9\-.]{1,24}$/);

const startArb = fc
  .tuple(
    fc.integer({ min: Date.parse('2020-01-01T00:00:00Z') / 60000, max: NOW.getTime() / 60000 }),
    fc.integer({ min: -48, max: 56 }),
  )
  .map(([minute, quarterHours]) => formatDateTimeAt(minute * 60000, quarterHours * 15));

const goalArb: fc.Arbitrary<DraftGoalProgress> = fc.record(
  {
    goal: fc.oneof(
      fc.record({
        kind: fc.constant('existing' as const),
        id: safeKeyArb,
        description: fc.string({ maxLength: 60 }),
      }),
      fc.record({
        kind: fc.constant('new' as const),
        key: safeKeyArb,
        description: textArb.filter((t) => t.trim() !== ''),
      }),
    ),
    progress: fc.constantFrom(...codes(GOAL_PROGRESS)),
    comment: optionalText,
  },
  { requiredKeys: ['goal', 'progress'] },
);

const checkInArb: fc.Arbitrary<DraftMeasure> = fc
  .uniqueArray(
    fc.tuple(fc.constantFrom(...codes(CHECK_IN_ITEMS)), fc.constantFrom<CheckInScore>(1, 2, 3, 4, 5)),
    { minLength: 1, selector: ([item]) => item },
  )
  .map((entries) => ({ kind: 'check-in', items: Object.fromEntries(entries) }));

const scoreArb: fc.Arbitrary<DraftMeasure> = fc
  .constantFrom(...SCORE_MEASURES)
  .chain((m) =>
    fc.integer({ min: m.min, max: m.max }).map((value) => ({ kind: 'score', code: m.coding.code, value })),
  );

/** An instrument answered item by item: every item (kept whole in a signed note), or some of them. */
const instrumentArb: fc.Arbitrary<DraftMeasure> = fc
  .constantFrom(...INSTRUMENTS.values())
  .chain((instrument) =>
    fc
      .tuple(
        ...instrument.items.map((item) =>
          fc.tuple(fc.constantFrom(...item.answers.map((a) => a.coding.code)), fc.boolean()),
        ),
      )
      .map((picked) => ({
        kind: 'instrument' as const,
        instrument: instrument.id,
        answers: Object.fromEntries(
          picked.flatMap(([code, kept], index) => {
            const item = instrument.items[index];
            return item && kept ? [[item.linkId, code]] : [];
          }),
        ),
        complete: Object.fromEntries(
          picked.flatMap(([code], index) => {
            const item = instrument.items[index];
            return item ? [[item.linkId, code]] : [];
          }),
        ),
      }))
      .chain(({ complete, ...partial }) =>
        fc.constantFrom<DraftMeasure>({ ...partial, answers: complete }, partial),
      ),
  );

/** An instrument and a total of the same code are one measure: its total Observation. */
const measureKey = (m: DraftMeasure): string => {
  if (m.kind === 'instrument') {
    return INSTRUMENTS.get(m.instrument)?.total.code ?? m.instrument;
  }
  return m.kind === 'score' ? m.code : m.kind;
};

function isPartial(m: DraftMeasure): boolean {
  const instrument = m.kind === 'instrument' ? INSTRUMENTS.get(m.instrument) : undefined;
  return (
    instrument !== undefined &&
    scoreInstrument(instrument, m.kind === 'instrument' ? m.answers : {}).total === undefined
  );
}

/**
 * A signed note's instruments are whole (validation asks it). A draft's partial instrument has no total
 * Observation to keep its place among the measures, so it reads back after them: the generator puts it
 * there (documented normalisation of the round trip).
 */
function measuresFor(status: 'draft' | 'final', measures: readonly DraftMeasure[]): DraftMeasure[] {
  const kept = measures.filter((m) => status === 'draft' || !isPartial(m));
  return [...kept.filter((m) => !isPartial(m)), ...kept.filter(isPartial)];
}

export const draftArb: fc.Arbitrary<PeerEncounterDraft> = fc
  .record({
    id: fc.uuid(),
    patientId: safeKeyArb,
    start: startArb,
    durationMinutes: fc.integer({ min: 1, max: 600 }),
    contactMode: fc.constantFrom(...codes(CONTACT_MODES)),
    setting: fc.option(fc.constantFrom(...codes(SETTINGS)), { nil: undefined }),
    group: fc.option(fc.record({ id: safeKeyArb, title: optionalText }, { requiredKeys: ['id'] }), {
      nil: undefined,
    }),
    activities: fc.uniqueArray(fc.constantFrom(...codes(ACTIVITIES)), { minLength: 1 }),
    goals: fc.uniqueArray(goalArb, {
      maxLength: 4,
      selector: (g) => (g.goal.kind === 'existing' ? `e:${g.goal.id}` : `n:${g.goal.key}`),
    }),
    response: fc.option(
      fc.record(
        { code: fc.constantFrom(...codes(RESPONSES)), comment: optionalText },
        { requiredKeys: ['code'] },
      ),
      { nil: undefined },
    ),
    // A signed note needs words; whitespace-only drafts are covered by tests/domain/writable-text.test.ts.
    narrative: textArb.filter((text) => text.trim() !== ''),
    nextSteps: optionalText,
    measures: fc.uniqueArray(fc.oneof(checkInArb, scoreArb, instrumentArb), {
      maxLength: 4,
      selector: measureKey,
    }),
    followUp: fc.option(
      fc.record(
        {
          reason: fc.constantFrom(...codes(FOLLOW_UP_REASONS)),
          urgency: fc.constantFrom(...codes(FOLLOW_UP_URGENCIES)),
          recipient: fc.option(
            fc.record({
              reference: safeKeyArb.map((id) => `Practitioner/${id}`),
              display: fc.string({ maxLength: 40 }),
            }),
            { nil: undefined },
          ),
          note: optionalText,
        },
        { requiredKeys: ['reason', 'urgency'] },
      ),
      { nil: undefined },
    ),
    sensitivity: fc.constantFrom('normal' as const, 'restricted' as const, 'part2' as const),
    status: fc.constantFrom('draft' as const, 'final' as const),
  })
  .map(({ group, setting, response, nextSteps, followUp, measures, ...rest }): PeerEncounterDraft => ({
    ...rest,
    measures: measuresFor(rest.status, measures),
    format: group ? 'group' : 'individual',
    ...(group ? { groupSession: group } : {}),
    ...(setting ? { setting } : {}),
    ...(response ? { response } : {}),
    ...(nextSteps ? { nextSteps } : {}),
    ...(followUp ? { followUp } : {}),
  }));
