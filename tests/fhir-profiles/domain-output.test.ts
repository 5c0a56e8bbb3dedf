import fc from 'fast-check';
import type { Bundle } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { FIXTURE_DRAFTS, fixtureContext } from '../../mocks/fixtures/drafts';
import { errorsOf, validateAgainstProfiles } from '../../scripts/profiles/validation/profile-validator';
import { amendTransaction, enteredInErrorTransaction } from '../../src/domain/amendment';
import { buildClinicalNote } from '../../src/domain/clinical-note';
import { draftToTransaction } from '../../src/domain/draft-to-transaction';
import { transactionToView } from '../../src/domain/peer-encounter-view';
import { INSTRUMENTS } from '../../src/domain/codes-instruments';
import type { DraftMeasure, PeerEncounterDraft } from '../../src/domain/peer-encounter-draft';
import { draftArb } from '../domain/support/draft-arbitraries';
import { serverResponse } from '../../mocks/fixtures/server-response';

function errorsIn(bundle: Bundle): string[] {
  return errorsOf(validateAgainstProfiles(bundle)).map((issue) => `${issue.path}: ${issue.message}`);
}

function savedView(bundle: Bundle) {
  const view = transactionToView(serverResponse(bundle));
  if (!view) {
    throw new Error('the saved transaction gave no view');
  }
  return view;
}

describe('what the domain core writes validates against base R4 and our profiles', () => {
  it.each(Object.entries(FIXTURE_DRAFTS))('the transaction for %s', (_name, draft) => {
    expect(errorsIn(draftToTransaction(draft, fixtureContext()))).toEqual([]);
  });

  it.each(Object.entries(FIXTURE_DRAFTS))('the draft-status transaction for %s', (_name, draft) => {
    expect(errorsIn(draftToTransaction({ ...draft, status: 'draft' }, fixtureContext()))).toEqual([]);
  });

  it('the transaction for any valid generated draft', () => {
    fc.assert(
      fc.property(draftArb, (draft) => {
        expect(errorsIn(draftToTransaction(draft, fixtureContext()))).toEqual([]);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 60) },
    );
  });

  it.each(Object.entries(FIXTURE_DRAFTS))('the clinical note for %s', (_name, draft) => {
    const note = buildClinicalNote(draft, {
      ...fixtureContext(),
      encounterId: 'enc-launch',
      revision: 2,
      replaces: 'DocumentReference/doc-1',
    });
    expect(errorsOf(validateAgainstProfiles(note)).map((issue) => `${issue.path}: ${issue.message}`)).toEqual(
      [],
    );
  });

  it('the clinical note for any valid generated draft', () => {
    fc.assert(
      fc.property(draftArb, (draft) => {
        const note = buildClinicalNote(draft, fixtureContext());
        expect(errorsOf(validateAgainstProfiles(note))).toEqual([]);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 30) },
    );
  });

  it('a saved draft whose note is still only spaces', () => {
    const draft = {
      ...FIXTURE_DRAFTS.mariaIndividualDraft,
      status: 'draft' as const,
      narrative: '   ',
      nextSteps: ' ',
    };
    expect(errorsIn(draftToTransaction(draft, fixtureContext()))).toEqual([]);
  });

  it.each(Object.entries(FIXTURE_DRAFTS))('the amendment of %s', (_name, draft) => {
    const view = savedView(draftToTransaction(draft, fixtureContext()));
    const amended = amendTransaction(
      { ...view, draft: { ...view.draft, narrative: `${view.draft.narrative} Corrected.` } },
      undefined,
      'Corrected the place',
      fixtureContext({ now: '2026-11-21T09:00:00Z' }),
    );
    expect(errorsIn(amended)).toEqual([]);
  });

  it.each(Object.entries(FIXTURE_DRAFTS))('the entered-in-error of %s', (_name, draft) => {
    const view = savedView(draftToTransaction(draft, fixtureContext()));
    const voided = enteredInErrorTransaction(
      view,
      'Wrong person',
      fixtureContext({ now: '2026-11-21T09:00:00Z' }),
    );
    expect(errorsIn(voided)).toEqual([]);
  });

  describe('a note with every instrument answered item by item', () => {
    const whole = (index: number): DraftMeasure[] =>
      [...INSTRUMENTS.values()].map((instrument) => ({
        kind: 'instrument',
        instrument: instrument.id,
        answers: Object.fromEntries(
          instrument.items.map((item) => [
            item.linkId,
            item.answers[Math.min(index, item.answers.length - 1)]?.coding.code ?? '',
          ]),
        ),
      }));
    const draft: PeerEncounterDraft = { ...FIXTURE_DRAFTS.mariaIndividualDraft, measures: whole(1) };

    it('writes responses and totals that validate', () => {
      const bundle = draftToTransaction(draft, fixtureContext());
      const types = (bundle.entry ?? []).map((e) => e.resource?.resourceType);
      expect(types.filter((t) => t === 'QuestionnaireResponse')).toHaveLength(INSTRUMENTS.size);
      expect(errorsIn(bundle)).toEqual([]);
    });

    it('is amended with new answers, and entered in error, in resources that validate', () => {
      const view = savedView(draftToTransaction(draft, fixtureContext()));
      const context = fixtureContext({ now: '2026-11-21T09:00:00Z' });
      const amended = amendTransaction(
        { ...view, draft: { ...view.draft, measures: whole(2) } },
        undefined,
        'Re-scored',
        context,
      );
      const responses = (amended.entry ?? []).filter(
        (e) => e.resource?.resourceType === 'QuestionnaireResponse',
      );
      expect(responses.map((e) => e.request?.method)).toEqual(Array(INSTRUMENTS.size).fill('PUT'));
      expect(
        responses.map((e) => (e.resource?.resourceType === 'QuestionnaireResponse' ? e.resource.status : '')),
      ).toEqual(Array(INSTRUMENTS.size).fill('amended'));
      expect(errorsIn(amended)).toEqual([]);
      const voided = enteredInErrorTransaction(view, 'Wrong person', context);
      const retired = (voided.entry ?? []).flatMap((e) =>
        e.resource?.resourceType === 'QuestionnaireResponse' ? [e.resource.status] : [],
      );
      expect(retired).toEqual(Array(INSTRUMENTS.size).fill('entered-in-error'));
      expect(errorsIn(voided)).toEqual([]);
    });
  });
});
