/** How an instrument answered item by item reads as text: in the note, the note detail and the report. */
import { answerTo, scoreInstrument, type InstrumentAnswers } from './instrument-scoring';
import type { Instrument } from './codes-instruments';

/** "PHQ-9 total 14 of 27 (Moderate)", or "PHQ-9: 5 of 9 items answered, no total". */
export function instrumentSummary(instrument: Instrument, answers: InstrumentAnswers): string {
  const score = scoreInstrument(instrument, answers);
  if (score.total === undefined) {
    return `${instrument.name}: ${score.answered} of ${score.of} items answered, no total`;
  }
  const band = score.band ? ` (${score.band.label})` : '';
  return `${instrument.name} total ${score.total} of ${instrument.max}${band}`;
}

/** One line per answered item, in the instrument's order: "9. <item text>: Several days (1)". */
export function instrumentItemLines(instrument: Instrument, answers: InstrumentAnswers): string[] {
  return instrument.items.flatMap((item, index) => {
    const answer = answerTo(item, answers);
    return answer ? [`${index + 1}. ${item.text}: ${answer.coding.display} (${answer.points})`] : [];
  });
}
