import type { Bundle } from 'fhir/r4';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { draftToTransaction } from '../../src/domain/draft-to-transaction';
import { bundleToViews, transactionToView, viewToDraft } from '../../src/domain/peer-encounter-view';
import type { PeerEncounterDraft } from '../../src/domain/peer-encounter-draft';
import { validateDraftForSave } from '../../src/domain/validate-draft';
import { writableDraft } from '../../src/domain/writable-text';
import { fixtureContext, sequentialUuids } from '../../mocks/fixtures/drafts';
import { draftArb, NOW } from './support/draft-arbitraries';
import { serverResponse } from '../../mocks/fixtures/server-response';

/*
 * Documented normalisations of the round trip (draft -> Bundle -> view -> draft): optional text that
 * is empty is the same as absent, and a groupSession on an individual draft is dropped. The generator
 * makes neither, so the round trip is exact.
 */
describe('draft -> transaction -> view -> draft', () => {
  it('generates only drafts that validation accepts', () => {
    fc.assert(
      fc.property(draftArb, (draft) => {
        expect(validateDraftForSave(draft, draft.status, NOW)).toEqual([]);
      }),
    );
  });

  it('gives back the draft it started from', () => {
    fc.assert(
      fc.property(draftArb, (draft) => {
        const view = transactionToView(draftToTransaction(draft, fixtureContext()));
        expect(view && viewToDraft(view)).toEqual(writableDraft(draft));
      }),
      { numRuns: 300 },
    );
  });

  it('gives back the draft after the draft and the Bundle went through JSON', () => {
    fc.assert(
      fc.property(draftArb, (draft) => {
        const stored = JSON.parse(JSON.stringify(draft)) as PeerEncounterDraft;
        const sent = JSON.parse(JSON.stringify(draftToTransaction(stored, fixtureContext()))) as Bundle;
        const view = transactionToView(sent);
        expect(view && viewToDraft(view)).toEqual(writableDraft(draft));
      }),
      { numRuns: 100 },
    );
  });

  it('gives back the draft from what a server returns: its own ids, absolute URLs, no urn:uuids', () => {
    fc.assert(
      fc.property(draftArb, (draft) => {
        const stored = serverResponse(draftToTransaction(draft, fixtureContext()));
        const views = bundleToViews(stored);
        expect(views).toHaveLength(1);
        expect(views[0] && viewToDraft(views[0])).toEqual(writableDraft(draft));
      }),
      { numRuns: 150 },
    );
  });

  it('gives the same resource keys for two saves with different uuids', () => {
    fc.assert(
      fc.property(draftArb, (draft) => {
        const keys = (seed: number): unknown[] =>
          (draftToTransaction(draft, fixtureContext({ newUuid: sequentialUuids(seed) })).entry ?? []).map(
            (e) => e.request?.ifNoneExist,
          );
        expect(keys(1)).toEqual(keys(2));
      }),
      { numRuns: 100 },
    );
  });
});
