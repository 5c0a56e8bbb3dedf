/**
 * A standard instrument answered item by item, as the QuestionnaireResponse to its Questionnaire in
 * fhir-profiles/ (https://hl7.org/fhir/R4/questionnaireresponse.html). Each answer is the Questionnaire's
 * own answerOption coding, so any reader can score it again; the read-only total item is answered only
 * when every item is, as the total Observation is (instrument-scoring.ts).
 */
import type { QuestionnaireResponse, QuestionnaireResponseItem } from 'fhir/r4';
import type { Instrument } from './codes-instruments';
import { answerTo, scoreInstrument, type InstrumentAnswers } from './instrument-scoring';
import type { MappingContext, ObservationStatus } from './mapping-context';
import { keyIdentifier } from './resource-keys';

export type AnsweredInstrument = { readonly instrument: Instrument; readonly answers: InstrumentAnswers };

/** The response's status follows the note's, as the Observations' does. */
const STATUS_OF: Readonly<Record<ObservationStatus, QuestionnaireResponse['status']>> = {
  preliminary: 'in-progress',
  final: 'completed',
  amended: 'amended',
  'entered-in-error': 'entered-in-error',
};

/** The items answered, in the Questionnaire's order, then the total when there is one. */
export function responseItems(
  instrument: Instrument,
  answers: InstrumentAnswers,
): QuestionnaireResponseItem[] {
  const items: QuestionnaireResponseItem[] = instrument.items.flatMap((item) => {
    const answer = answerTo(item, answers);
    return answer
      ? [{ linkId: item.linkId, text: item.text, answer: [{ valueCoding: { ...answer.coding } }] }]
      : [];
  });
  const total = scoreInstrument(instrument, answers).total;
  if (total !== undefined) {
    const { linkId, text } = instrument.totalItem;
    items.push({ linkId, text, answer: [{ valueInteger: total }] });
  }
  return items;
}

/**
 * `source` is the person: these instruments are self-report, so the answers are theirs even when the
 * peer reads the questions aloud and records them; `author` is the peer who recorded them, as on the
 * Observations. A partial instrument (a draft) is `in-progress`, never `completed`.
 */
export function buildQuestionnaireResponse(
  m: MappingContext,
  key: string,
  encounterRef: string,
  { instrument, answers }: AnsweredInstrument,
): QuestionnaireResponse {
  const complete = scoreInstrument(instrument, answers).total !== undefined;
  const status = STATUS_OF[m.statuses.observation];
  const response: QuestionnaireResponse = {
    resourceType: 'QuestionnaireResponse',
    identifier: keyIdentifier(key),
    questionnaire: instrument.canonical,
    status: complete || status === 'entered-in-error' ? status : 'in-progress',
    subject: { reference: m.patient },
    encounter: { reference: encounterRef },
    authored: m.draft.start,
    author: m.author(),
    source: { reference: m.patient },
  };
  const item = responseItems(instrument, answers);
  if (item.length > 0) {
    response.item = item;
  }
  const meta = m.meta();
  if (meta) {
    response.meta = meta;
  }
  return response;
}
