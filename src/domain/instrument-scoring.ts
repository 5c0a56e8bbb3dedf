/**
 * Scores an instrument answered item by item. Pure: the points come from the Questionnaire's
 * ordinalValue (instruments.ts). A total exists only when every item is answered: none of these
 * instruments is validated with prorated or missing items, so a partial one is shown as such.
 */
import type { Instrument, InstrumentAnswer, InstrumentItem, ScoreBand } from './codes-instruments';

/** Answers by item linkId: the answer's code in the item's answer list. */
export type InstrumentAnswers = Readonly<Partial<Record<string, string>>>;

export interface InstrumentScore {
  readonly answered: number;
  readonly of: number;
  /** The sum of the points; only when every item is answered. */
  readonly total?: number;
  readonly band?: ScoreBand;
  /** Items not answered yet, in the instrument's order. */
  readonly missing: readonly InstrumentItem[];
}

/** The answer given to an item, when it is one of the item's own answers. */
export function answerTo(item: InstrumentItem, answers: InstrumentAnswers): InstrumentAnswer | undefined {
  const code = answers[item.linkId];
  return code === undefined ? undefined : item.answers.find((a) => a.coding.code === code);
}

export function bandOf(instrument: Instrument, total: number): ScoreBand | undefined {
  return instrument.bands.find((band) => total >= band.min && total <= band.max);
}

export function scoreInstrument(instrument: Instrument, answers: InstrumentAnswers): InstrumentScore {
  let sum = 0;
  const missing: InstrumentItem[] = [];
  for (const item of instrument.items) {
    const answer = answerTo(item, answers);
    if (answer) {
      sum += answer.points;
    } else {
      missing.push(item);
    }
  }
  const of = instrument.items.length;
  const answered = of - missing.length;
  if (missing.length > 0) {
    return { answered, of, missing };
  }
  const band = bandOf(instrument, sum);
  return { answered, of, total: sum, missing, ...(band ? { band } : {}) };
}

export interface SafetyAnswer {
  readonly instrument: Instrument;
  readonly item: InstrumentItem;
  readonly answer: InstrumentAnswer;
  /** The instrument's words for what the answer means, with the answer given. */
  readonly reason: string;
}

/** The safety answer of an instrument, when its safety item is answered at or above the threshold. */
export function safetyAnswerOf(instrument: Instrument, answers: InstrumentAnswers): SafetyAnswer | undefined {
  const safety = instrument.safetyItem;
  const item = safety && instrument.items.find((i) => i.linkId === safety.linkId);
  const answer = item && answerTo(item, answers);
  if (!safety || !item || !answer || answer.points < safety.fromPoints) {
    return undefined;
  }
  return { instrument, item, answer, reason: `${safety.reason} (“${answer.coding.display}”)` };
}
