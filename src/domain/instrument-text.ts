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
  return instrumentItemRows(instrument, answers).map(
    (row) => `${row.number}. ${row.text}: ${row.answer} (${row.points})`,
  );
}

/** One answered item as the note detail tabulates it. */
export interface InstrumentItemRow {
  /** 1-based, in the instrument's order. */
  readonly number: number;
  readonly linkId: string;
  readonly text: string;
  readonly answer: string;
  readonly points: number;
  /** The instrument's safety item (PHQ-9 item 9), whatever was answered. */
  readonly safetyItem: boolean;
  /** Answered at or above the safety threshold: a safety event. */
  readonly safetyPositive: boolean;
}

/** The answered items as rows, in the instrument's order, the safety item marked. */
export function instrumentItemRows(instrument: Instrument, answers: InstrumentAnswers): InstrumentItemRow[] {
  const safety = instrument.safetyItem;
  return instrument.items.flatMap((item, index) => {
    const answer = answerTo(item, answers);
    const safetyItem = safety?.linkId === item.linkId;
    return answer
      ? [
          {
            number: index + 1,
            linkId: item.linkId,
            text: item.text,
            answer: answer.coding.display,
            points: answer.points,
            safetyItem,
            safetyPositive: safetyItem && answer.points >= safety.fromPoints,
          },
        ]
      : [];
  });
}
