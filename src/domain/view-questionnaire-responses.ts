/**
 * Reads a peer encounter's QuestionnaireResponses back into the instruments they answer, item by
 * item, and puts each where its total score Observation stood among the measures. Total over server
 * data: a response to an unknown Questionnaire, an answer that is not one of the item's own, or a
 * response entered in error is left out, never thrown on.
 */
import { INSTRUMENTS, instrumentOfCanonical } from './codes-instruments';
import { isRecord, textOf } from './guards';
import type { DraftMeasure, InstrumentMeasure } from './peer-encounter-draft';

const LEFT_OUT = new Set(['entered-in-error', 'stopped']);

function listOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

/** The instrument a QuestionnaireResponse answers, with its answers by linkId; undefined otherwise. */
export function instrumentMeasureOf(response: unknown): InstrumentMeasure | undefined {
  if (!isRecord(response) || response.resourceType !== 'QuestionnaireResponse') {
    return undefined;
  }
  if (LEFT_OUT.has(textOf(response.status) ?? '')) {
    return undefined;
  }
  const instrument = instrumentOfCanonical(textOf(response.questionnaire));
  if (!instrument) {
    return undefined;
  }
  const answers: Record<string, string> = {};
  for (const item of listOf(response.item)) {
    const linkId = isRecord(item) ? textOf(item.linkId) : undefined;
    const known = instrument.items.find((candidate) => candidate.linkId === linkId);
    const first: unknown = isRecord(item) ? listOf(item.answer)[0] : undefined;
    const coding: unknown = isRecord(first) ? first.valueCoding : undefined;
    const code = isRecord(coding) ? textOf(coding.code) : undefined;
    const system = isRecord(coding) ? textOf(coding.system) : undefined;
    const answer = known?.answers.find(
      (a) => a.coding.code === code && (system === undefined || a.coding.system === system),
    );
    if (known && answer && answers[known.linkId] === undefined) {
      answers[known.linkId] = answer.coding.code;
    }
  }
  return { kind: 'instrument', instrument: instrument.id, answers };
}

/**
 * The measures with each instrument in place of its total (a `score` of the instrument's total code,
 * read from the Observation), and the instruments without one (a draft's partial answers) after them.
 * The first response to an instrument counts, as the first Observation of a kind does.
 */
export function withInstruments(
  measures: readonly DraftMeasure[],
  responses: readonly unknown[],
): DraftMeasure[] {
  const instruments: InstrumentMeasure[] = [];
  for (const response of responses) {
    const measure = instrumentMeasureOf(response);
    if (measure && !instruments.some((m) => m.instrument === measure.instrument)) {
      instruments.push(measure);
    }
  }
  if (instruments.length === 0) {
    return [...measures];
  }
  const placed = new Set<string>();
  const merged = measures.flatMap((measure): DraftMeasure[] => {
    if (measure.kind !== 'score') {
      return [measure];
    }
    const instrument = instruments.find(
      (m) => INSTRUMENTS.get(m.instrument)?.total.code === measure.code && !placed.has(m.instrument),
    );
    if (!instrument) {
      return [measure];
    }
    placed.add(instrument.instrument);
    return [instrument];
  });
  return [...merged, ...instruments.filter((m) => !placed.has(m.instrument))];
}
