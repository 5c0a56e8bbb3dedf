/** Goal and outcome measure checks of validateDraftForSave. */
import type { PeerEncounterDraft } from './peer-encounter-draft';
import { isSafeKey, measureKey } from './peer-encounter-draft';
import { CHECK_IN_ITEMS, GOAL_PROGRESS, SCORE_MEASURES } from './codes';
import { codesOf, LIMITS, tooLong, type DraftProblem } from './draft-problems';
import { answerTo, scoreInstrument } from './instrument-scoring';
import { INSTRUMENTS } from './codes-instruments';
import type { InstrumentMeasure } from './peer-encounter-draft';

const PROGRESS_CODES = codesOf(GOAL_PROGRESS);
const CHECK_IN_CODES = codesOf(CHECK_IN_ITEMS);
const SCORE_RANGES = new Map(SCORE_MEASURES.map((m) => [m.coding.code, m]));

export function validateGoals(draft: PeerEncounterDraft, problems: DraftProblem[]): void {
  const seen = new Set<string>();
  draft.goals.forEach((entry, i) => {
    const goal = entry.goal;
    const id = goal.kind === 'existing' ? goal.id : goal.key;
    if (!isSafeKey(id)) {
      problems.push({ field: `goals.${i}.goal`, message: 'Choose the goal again from the person’s goals.' });
    } else if (seen.has(`${goal.kind}:${id}`)) {
      problems.push({ field: `goals.${i}.goal`, message: 'This goal is listed twice. Remove one.' });
    }
    seen.add(`${goal.kind}:${id}`);
    if (goal.kind === 'new' && goal.description.trim() === '') {
      problems.push({
        field: `goals.${i}.goal.description`,
        message: 'Write the goal in the person’s own words.',
      });
    }
    tooLong(problems, `goals.${i}.goal.description`, goal.description, LIMITS.goalDescription, 'The goal');
    if (!PROGRESS_CODES.has(entry.progress)) {
      problems.push({ field: `goals.${i}.progress`, message: 'Choose how this goal is going.' });
    }
    tooLong(problems, `goals.${i}.comment`, entry.comment, LIMITS.comment, 'The comment');
  });
}

export function validateMeasures(draft: PeerEncounterDraft, problems: DraftProblem[]): void {
  const seen = new Set<string>();
  draft.measures.forEach((measure, i) => {
    const id = measureKey(measure);
    if (seen.has(id)) {
      problems.push({ field: `measures.${i}`, message: 'This measure is entered twice. Remove one.' });
    }
    seen.add(id);
    if (measure.kind === 'check-in') {
      const entries = Object.entries(measure.items);
      if (entries.length === 0) {
        problems.push({
          field: `measures.${i}`,
          message: 'Score at least one check-in question, or remove the check-in.',
        });
      }
      for (const [item, score] of entries) {
        if (!CHECK_IN_CODES.has(item)) {
          problems.push({
            field: `measures.${i}.items.${item}`,
            message: 'This check-in question is not on the list.',
          });
        } else if (score === undefined || !Number.isInteger(score) || score < 1 || score > 5) {
          problems.push({
            field: `measures.${i}.items.${item}`,
            message: 'Score each check-in question from 1 to 5.',
          });
        }
      }
      return;
    }
    if (measure.kind === 'instrument') {
      validateInstrument(draft, measure, i, problems);
      return;
    }
    const range = SCORE_RANGES.get(measure.code);
    const sameInstrument = givenItemByItem(draft, measure.code);
    if (sameInstrument) {
      // Both would be the instrument's one total Observation of this note.
      problems.push({
        field: `measures.${i}.value`,
        message: `The ${sameInstrument} is also answered question by question: empty this total.`,
      });
    }
    if (!range) {
      problems.push({ field: `measures.${i}.code`, message: 'Choose the measure from the list.' });
    } else if (!Number.isInteger(measure.value) || measure.value < range.min || measure.value > range.max) {
      problems.push({
        field: `measures.${i}.value`,
        message: `Enter a ${range.name} total from ${range.min} to ${range.max}.`,
      });
    }
  });
}

/** The name of the instrument given item by item in the draft whose total has this code, if any. */
function givenItemByItem(draft: PeerEncounterDraft, totalCode: string): string | undefined {
  return draft.measures.flatMap((m) => {
    const instrument = m.kind === 'instrument' ? INSTRUMENTS.get(m.instrument) : undefined;
    return instrument?.total.code === totalCode ? [instrument.name] : [];
  })[0];
}

/**
 * An instrument's answers must be its own; a signed note needs every item answered, since none of
 * these instruments is scored with items missing. A draft may be partial.
 */
function validateInstrument(
  draft: PeerEncounterDraft,
  measure: InstrumentMeasure,
  i: number,
  problems: DraftProblem[],
): void {
  const instrument = INSTRUMENTS.get(measure.instrument);
  if (!instrument) {
    problems.push({ field: `measures.${i}`, message: 'Choose the measure from the list.' });
    return;
  }
  const known = new Set(instrument.items.map((item) => item.linkId));
  for (const [linkId, code] of Object.entries(measure.answers)) {
    const item = instrument.items.find((candidate) => candidate.linkId === linkId);
    if (!known.has(linkId) || code === undefined || !item || !answerTo(item, measure.answers)) {
      problems.push({
        field: `measures.${i}.answers.${linkId}`,
        message: `Choose one of the ${instrument.name} answers for this question.`,
      });
    }
  }
  const score = scoreInstrument(instrument, measure.answers);
  if (draft.status === 'final' && score.missing.length > 0) {
    const first = score.missing[0];
    problems.push({
      field: `measures.${i}.answers.${first?.linkId ?? ''}`,
      message: `Answer all ${score.of} ${instrument.name} questions (${score.missing.length} left), or clear the ${instrument.name}.`,
    });
  }
}
