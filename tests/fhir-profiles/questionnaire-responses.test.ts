import fc from 'fast-check';
import type { Bundle, Observation, Questionnaire, QuestionnaireResponse } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import barc10 from '../../fhir-profiles/Questionnaire-barc-10.json';
import gad7 from '../../fhir-profiles/Questionnaire-gad-7.json';
import phq9 from '../../fhir-profiles/Questionnaire-phq-9.json';
import qpr15 from '../../fhir-profiles/Questionnaire-qpr-15.json';
import { fixtureContext, mariaIndividualDraft } from '../../mocks/fixtures/drafts';
import { errorsOf, validateAgainstProfiles } from '../../scripts/profiles/validation/profile-validator';
import { questionnaireResponseProblems } from '../../scripts/profiles/validation/questionnaire-conformance';
import { INSTRUMENTS, type Instrument, type InstrumentId } from '../../src/domain/codes-instruments';
import { draftToTransaction } from '../../src/domain/draft-to-transaction';
import type { PeerEncounterDraft } from '../../src/domain/peer-encounter-draft';
import { draftArb } from '../domain/support/draft-arbitraries';

const QUESTIONNAIRES: Readonly<Record<InstrumentId, Questionnaire>> = {
  'phq-9': phq9 as unknown as Questionnaire,
  'gad-7': gad7 as unknown as Questionnaire,
  'barc-10': barc10 as unknown as Questionnaire,
  'qpr-15': qpr15 as unknown as Questionnaire,
};

/** Every item answered with its answer at `index` (the last one where there are fewer). */
function answersAt(instrument: Instrument, index: number, count = instrument.items.length) {
  return Object.fromEntries(
    instrument.items.slice(0, count).map((item) => {
      const answer = item.answers[Math.min(index, item.answers.length - 1)];
      return [item.linkId, answer?.coding.code ?? ''];
    }),
  );
}

function draftWith(instrument: Instrument, answers: Record<string, string>, status: 'draft' | 'final') {
  const draft: PeerEncounterDraft = {
    ...mariaIndividualDraft,
    status,
    measures: [{ kind: 'instrument', instrument: instrument.id, answers }],
  };
  return draftToTransaction(draft, fixtureContext());
}

function responsesIn(bundle: Bundle): QuestionnaireResponse[] {
  return (bundle.entry ?? []).flatMap((e) =>
    e.resource?.resourceType === 'QuestionnaireResponse' ? [e.resource] : [],
  );
}

function responseOf(bundle: Bundle): QuestionnaireResponse {
  const [response] = responsesIn(bundle);
  if (!response) {
    throw new Error('the transaction has no QuestionnaireResponse');
  }
  return response;
}

const errors = (response: QuestionnaireResponse) =>
  errorsOf(validateAgainstProfiles(response)).map((issue) => `${issue.path}: ${issue.message}`);

const INSTRUMENT_LIST = [...INSTRUMENTS.values()];

describe('the QuestionnaireResponse of an instrument answered item by item', () => {
  it.each(INSTRUMENT_LIST.map((i) => [i.name, i] as const))(
    'validates against base R4 and conforms to the %s Questionnaire when signed',
    (_name, instrument) => {
      const bundle = draftWith(instrument, answersAt(instrument, 1), 'final');
      const response = responseOf(bundle);
      expect(errors(response)).toEqual([]);
      expect(questionnaireResponseProblems(QUESTIONNAIRES[instrument.id], response)).toEqual([]);
      expect(response.status).toBe('completed');
      expect(response.questionnaire).toBe(instrument.canonical);
    },
  );

  it('is checked by the base R4 validator for real: a made-up status or a missing one is refused', () => {
    const phq = INSTRUMENTS.get('phq-9');
    if (!phq) {
      throw new Error('no PHQ-9');
    }
    const response = responseOf(draftWith(phq, answersAt(phq, 0), 'final'));
    const bogus = { ...response, status: 'bogus' } as unknown as QuestionnaireResponse;
    expect(errors(bogus).length).toBeGreaterThan(0);
    const { status: _status, ...missing } = response;
    expect(errors(missing as QuestionnaireResponse).length).toBeGreaterThan(0);
  });

  it('answers the read-only total item with the sum of the points, and the total is derivedFrom it', () => {
    const phq = INSTRUMENTS.get('phq-9');
    if (!phq) {
      throw new Error('no PHQ-9');
    }
    const bundle = draftWith(phq, answersAt(phq, 2), 'final');
    const response = responseOf(bundle);
    expect(response.item?.at(-1)).toEqual({
      linkId: phq.totalItem.linkId,
      text: phq.totalItem.text,
      answer: [{ valueInteger: 18 }],
    });
    const entry = bundle.entry?.find((e) => e.resource === response);
    const total = bundle.entry
      ?.map((e) => e.resource)
      .find(
        (r): r is Observation =>
          r?.resourceType === 'Observation' && r.code.coding?.[0]?.code === phq.total.code,
      );
    expect(total?.valueInteger).toBe(18);
    expect(total?.derivedFrom?.[0]?.reference).toBe(entry?.fullUrl);
  });

  it('names the person as source and the peer as author, and belongs to the peer encounter', () => {
    const gad = INSTRUMENTS.get('gad-7');
    if (!gad) {
      throw new Error('no GAD-7');
    }
    const bundle = draftWith(gad, answersAt(gad, 0), 'final');
    const response = responseOf(bundle);
    const encounter = bundle.entry?.find((e) => e.resource?.resourceType === 'Encounter');
    expect(response.source).toEqual({ reference: 'Patient/pt-maria-santos' });
    expect(response.subject).toEqual({ reference: 'Patient/pt-maria-santos' });
    expect(response.author?.reference).toBe('PractitionerRole/role-alex-rivera');
    expect(response.encounter?.reference).toBe(encounter?.fullUrl);
    expect(response.authored).toBe(mariaIndividualDraft.start);
    expect(bundle.entry?.find((e) => e.resource === response)?.request?.ifNoneExist).toContain(
      encodeURIComponent(`${mariaIndividualDraft.id}:questionnaire-response:gad-7`),
    );
  });

  it('is in-progress without a total item, and still conforms, while a draft is partial', () => {
    const barc = INSTRUMENTS.get('barc-10');
    if (!barc) {
      throw new Error('no BARC-10');
    }
    const bundle = draftWith(barc, answersAt(barc, 3, 4), 'draft');
    const response = responseOf(bundle);
    expect(response.status).toBe('in-progress');
    expect(response.item?.map((i) => i.linkId)).toEqual(barc.items.slice(0, 4).map((i) => i.linkId));
    expect(errors(response)).toEqual([]);
    expect(questionnaireResponseProblems(QUESTIONNAIRES['barc-10'], response)).toEqual([]);
    const totals = (bundle.entry ?? []).filter(
      (e) =>
        e.resource?.resourceType === 'Observation' && e.resource.code.coding?.[0]?.code === barc.total.code,
    );
    expect(totals).toEqual([]);
  });

  it('conforms to its Questionnaire for any valid generated draft', () => {
    fc.assert(
      fc.property(draftArb, (draft) => {
        for (const response of responsesIn(draftToTransaction(draft, fixtureContext()))) {
          const id = [...INSTRUMENTS.values()].find((i) => i.canonical === response.questionnaire)?.id;
          expect(id).toBeDefined();
          expect(questionnaireResponseProblems(QUESTIONNAIRES[id ?? 'phq-9'], response)).toEqual([]);
          expect(errors(response)).toEqual([]);
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 40) },
    );
  });
});

describe('questionnaireResponseProblems', () => {
  const phq = QUESTIONNAIRES['phq-9'];
  const instrument = INSTRUMENTS.get('phq-9');
  if (!instrument) {
    throw new Error('no PHQ-9');
  }
  const good = responseOf(draftWith(instrument, answersAt(instrument, 1), 'final'));
  const firstLinkId = instrument.items[0]?.linkId ?? '';
  const withItems = (item: QuestionnaireResponse['item']): QuestionnaireResponse => ({ ...good, item });
  const messages = (response: QuestionnaireResponse, questionnaire = phq) =>
    questionnaireResponseProblems(questionnaire, response).map((p) => p.message);

  it('finds nothing wrong with a whole PHQ-9', () => {
    expect(messages(good)).toEqual([]);
  });

  it('refuses a linkId the Questionnaire does not have', () => {
    expect(
      messages(withItems([...(good.item ?? []), { linkId: 'made-up', answer: [{ valueInteger: 1 }] }])),
    ).toEqual(['Item made-up is not an item of the Questionnaire.']);
  });

  it('refuses an answer that is not among the answerOptions', () => {
    const item = (good.item ?? []).map((i) =>
      i.linkId === firstLinkId
        ? { ...i, answer: [{ valueCoding: { system: 'http://loinc.org', code: 'LA-nope' } }] }
        : i,
    );
    expect(messages(withItems(item))).toEqual([
      `Item ${firstLinkId} has an answer (http://loinc.org|LA-nope) that is not one of its answerOptions.`,
    ]);
  });

  it('refuses an answer of the wrong type, and two answers to an item that does not repeat', () => {
    const item = (good.item ?? []).map((i) => {
      if (i.linkId === firstLinkId) {
        return { ...i, answer: [{ valueString: 'Several days' }] };
      }
      return i.linkId === instrument.totalItem.linkId
        ? { ...i, answer: [{ valueInteger: 1 }, { valueInteger: 2 }] }
        : i;
    });
    expect(messages(withItems(item))).toEqual([
      `Item ${firstLinkId} is a choice item: its answer must be valueCoding, not valueString.`,
      `Item ${instrument.totalItem.linkId} has more than one answer although it does not repeat.`,
    ]);
  });

  it('refuses a completed response with a required item unanswered, but not an in-progress one', () => {
    const item = (good.item ?? []).filter((i) => i.linkId !== firstLinkId);
    expect(messages(withItems(item))).toEqual([`Item ${firstLinkId} is required and not answered.`]);
    expect(messages({ ...withItems(item), status: 'in-progress' })).toEqual([]);
  });

  it('refuses an item whose text is not the Questionnaire’s', () => {
    const item = (good.item ?? []).map((i) =>
      i.linkId === firstLinkId ? { ...i, text: 'Something else' } : i,
    );
    expect(messages(withItems(item))).toEqual([
      `Item ${firstLinkId} has a text that is not the Questionnaire item’s.`,
    ]);
  });

  it('refuses a response to another Questionnaire or another version', () => {
    expect(messages(good, QUESTIONNAIRES['gad-7'])[0]).toMatch(
      /^The response answers .*phq-9.*, not .*gad-7\.$/,
    );
    expect(messages({ ...good, questionnaire: `${phq.url ?? ''}|9.9.9` })).toEqual([
      `The response answers version 9.9.9 of the Questionnaire, not ${phq.version ?? ''}.`,
    ]);
  });
});
