import type { Bundle, QuestionnaireResponse } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { fixtureContext, mariaIndividualDraft } from '../../mocks/fixtures/drafts';
import { serverResponse } from '../../mocks/fixtures/server-response';
import { parseNoteText } from '../../src/domain/clinical-note-parse';
import { renderNoteText } from '../../src/domain/clinical-note-text';
import { instrumentById } from '../../src/domain/codes-instruments';
import { draftToTransaction } from '../../src/domain/draft-to-transaction';
import type { DraftMeasure, PeerEncounterDraft } from '../../src/domain/peer-encounter-draft';
import { bundleToViews } from '../../src/domain/peer-encounter-view';
import { instrumentMeasureOf, withInstruments } from '../../src/domain/view-questionnaire-responses';

const PHQ9 = instrumentById('phq-9');
const BARC10 = instrumentById('barc-10');
const answersAt = (index: number, instrument = PHQ9) =>
  Object.fromEntries(instrument.items.map((item) => [item.linkId, item.answers[index]?.coding.code ?? '']));

const phq: DraftMeasure = { kind: 'instrument', instrument: 'phq-9', answers: answersAt(1) };
const barc: DraftMeasure = { kind: 'instrument', instrument: 'barc-10', answers: answersAt(4, BARC10) };
const phq2: DraftMeasure = { kind: 'score', code: '55758-7', value: 3 };
const draft: PeerEncounterDraft = { ...mariaIndividualDraft, measures: [barc, phq2, phq] };

/** What the server holds after the save, as a searchset would return it. */
function saved(edit: (bundle: Bundle) => Bundle = (b) => b): Bundle {
  return serverResponse(edit(draftToTransaction(draft, fixtureContext())));
}

function measuresOf(bundle: Bundle): readonly DraftMeasure[] {
  return bundleToViews(bundle)[0]?.draft.measures ?? [];
}

const withoutResponses = (bundle: Bundle): Bundle => ({
  ...bundle,
  entry: (bundle.entry ?? []).filter((e) => e.resource?.resourceType !== 'QuestionnaireResponse'),
});

describe('reading instruments back from the record', () => {
  it('gives each instrument its answers, in the place of its total among the measures', () => {
    expect(measuresOf(saved())).toEqual([barc, phq2, phq]);
  });

  it('reads a total Observation without its QuestionnaireResponse as a score', () => {
    expect(measuresOf(saved(withoutResponses))).toEqual([
      { kind: 'score', code: BARC10.total.code, value: 50 },
      phq2,
      { kind: 'score', code: PHQ9.total.code, value: 9 },
    ]);
  });

  it('keeps the responses among the resources, so an amendment updates them', () => {
    const view = bundleToViews(saved())[0];
    expect(
      view?.versions.filter((v) => v.resourceType === 'QuestionnaireResponse').map((v) => v.key),
    ).toEqual([`${draft.id}:questionnaire-response:barc-10`, `${draft.id}:questionnaire-response:phq-9`]);
  });

  it('leaves out a response entered in error, and then reads its total as a score', () => {
    const retired = (bundle: Bundle): Bundle => ({
      ...bundle,
      entry: (bundle.entry ?? []).map((e) =>
        e.resource?.resourceType === 'QuestionnaireResponse' && e.resource.questionnaire === PHQ9.canonical
          ? { ...e, resource: { ...e.resource, status: 'entered-in-error' } }
          : e,
      ),
    });
    expect(measuresOf(saved(retired))).toEqual([
      barc,
      phq2,
      { kind: 'score', code: PHQ9.total.code, value: 9 },
    ]);
  });
});

describe('instrumentMeasureOf', () => {
  const response = (item: unknown, questionnaire = PHQ9.canonical): unknown => ({
    resourceType: 'QuestionnaireResponse',
    status: 'completed',
    questionnaire,
    item,
  });
  const first = PHQ9.items[0];
  const answer = first?.answers[2]?.coding;

  it('reads the answers that are the items’ own, with or without a version on the canonical', () => {
    const item = [{ linkId: first?.linkId, answer: [{ valueCoding: answer }] }];
    const expected = {
      kind: 'instrument',
      instrument: 'phq-9',
      answers: { [first?.linkId ?? '']: answer?.code },
    };
    expect(instrumentMeasureOf(response(item))).toEqual(expected);
    expect(instrumentMeasureOf(response(item, PHQ9.canonical.split('|')[0]))).toEqual(expected);
  });

  it('skips unknown items, foreign codes and odd shapes, and answers nothing for another Questionnaire', () => {
    const item = [
      { linkId: 'made-up', answer: [{ valueCoding: answer }] },
      {
        linkId: first?.linkId,
        answer: [{ valueCoding: { system: 'http://example.org', code: answer?.code } }],
      },
      { linkId: PHQ9.items[1]?.linkId, answer: 'not a list' },
      'not an item',
    ];
    expect(instrumentMeasureOf(response(item))).toEqual({
      kind: 'instrument',
      instrument: 'phq-9',
      answers: {},
    });
    expect(instrumentMeasureOf(response([], 'http://example.org/Questionnaire/other'))).toBeUndefined();
    expect(instrumentMeasureOf({ resourceType: 'Observation' })).toBeUndefined();
  });

  it('puts an instrument without a total Observation after the other measures', () => {
    const partial: QuestionnaireResponse = {
      resourceType: 'QuestionnaireResponse',
      status: 'in-progress',
      questionnaire: PHQ9.canonical,
    };
    expect(withInstruments([phq2], [partial])).toEqual([
      phq2,
      { kind: 'instrument', instrument: 'phq-9', answers: {} },
    ]);
  });
});

describe('reading instruments back from the clinical note’s text', () => {
  const ids = { id: draft.id, patientId: draft.patientId };

  it('gives back each instrument’s answers, whole or partial', () => {
    const partial: DraftMeasure = {
      kind: 'instrument',
      instrument: 'gad-7',
      answers: {
        [instrumentById('gad-7').items[2]?.linkId ?? '']:
          instrumentById('gad-7').items[2]?.answers[3]?.coding.code,
      },
    };
    const empty: DraftMeasure = { kind: 'instrument', instrument: 'qpr-15', answers: {} };
    const noted: PeerEncounterDraft = {
      ...draft,
      status: 'draft',
      measures: [barc, phq2, phq, partial, empty],
    };
    expect(parseNoteText(renderNoteText(noted), ids)?.measures).toEqual(noted.measures);
  });

  it('does not read a line whose total was changed by hand as answers', () => {
    const text = renderNoteText(draft).replace('PHQ-9 total 9 of 27', 'PHQ-9 total 12 of 27');
    expect(parseNoteText(text, ids)?.measures).toEqual([barc, phq2]);
  });
});
