import type { Bundle, Encounter, FhirResource, Observation, Provenance, Task } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import {
  amendTransaction,
  enteredInErrorTransaction,
  NothingToUpdateError,
} from '../../src/domain/amendment';
import { draftToTransaction } from '../../src/domain/draft-to-transaction';
import { transactionToView } from '../../src/domain/peer-encounter-view';
import { devonGroupDraft, fixtureContext, mariaIndividualDraft } from '../../mocks/fixtures/drafts';
import { serverResponse } from '../../mocks/fixtures/server-response';

function savedView(draft = mariaIndividualDraft) {
  const view = transactionToView(serverResponse(draftToTransaction(draft, fixtureContext())));
  if (!view) {
    throw new Error('fixture did not give a view');
  }
  return view;
}
function ofType<T extends FhirResource>(bundle: Bundle, type: T['resourceType']): T[] {
  return (bundle.entry ?? []).flatMap((e) => (e.resource?.resourceType === type ? [e.resource as T] : []));
}

describe('amendTransaction', () => {
  const view = savedView();
  const amended = amendTransaction(
    { ...view, draft: { ...view.draft, narrative: 'Corrected: met at the library.' } },
    undefined,
    'Wrong place in the first note',
    fixtureContext({ now: '2026-11-21T09:00:00Z' }),
  );

  it('updates the same resources with If-Match on the version read', () => {
    const puts = (amended.entry ?? []).filter((e) => e.request?.method === 'PUT');
    expect(puts.length).toBeGreaterThan(5);
    for (const entry of puts) {
      expect(entry.request?.ifMatch).toBe('W/"1"');
      expect(entry.request?.url).toBe(`${entry.resource?.resourceType ?? ''}/${entry.resource?.id ?? ''}`);
    }
  });

  it('keeps the Encounter finished and marks Observations amended', () => {
    expect(ofType<Encounter>(amended, 'Encounter').map((e) => e.status)).toEqual(['finished']);
    expect(new Set(ofType<Observation>(amended, 'Observation').map((o) => o.status))).toEqual(
      new Set(['amended']),
    );
  });

  it('does not overwrite the person’s goal', () => {
    expect(ofType(amended, 'Goal')).toEqual([]);
  });

  it('adds a Provenance UPDATE with the reason and the next revision', () => {
    const provenance = ofType<Provenance>(amended, 'Provenance')[0];
    expect(provenance?.activity?.coding?.[0]?.code).toBe('UPDATE');
    expect(provenance?.reason?.[0]?.text).toBe('Wrong place in the first note');
    expect(provenance?.meta?.tag?.[0]?.code).toBe(`${mariaIndividualDraft.id}:provenance:2`);
    expect(provenance?.target.map((t) => t.reference)).toContain(`Encounter/${view.encounterId ?? ''}`);
    expect(amended.entry?.at(-1)?.request?.method).toBe('POST');
  });

  it('creates what is new and marks what was removed as entered in error', () => {
    const changed = amendTransaction(
      { ...view.draft, activities: ['engagement', 'advocacy'] },
      view.versions,
      'Activities corrected',
      fixtureContext(),
    );
    const created = (changed.entry ?? [])
      .filter((e) => e.request?.method === 'POST')
      .map((e) => decodeURIComponent(e.request?.ifNoneExist ?? ''));
    expect(created.some((q) => q.endsWith(':activity:advocacy'))).toBe(true);
    const removed = ofType<Observation>(changed, 'Observation').filter(
      (o) => o.status === 'entered-in-error',
    );
    expect(removed.map((o) => o.valueCodeableConcept?.coding?.[0]?.code)).toEqual([
      'lived-experience',
      'recovery-planning',
    ]);
    const added = ofType<Observation>(changed, 'Observation').find(
      (o) => o.valueCodeableConcept?.coding?.[0]?.code === 'advocacy',
    );
    expect(added?.status).toBe('final');
  });
});

describe('enteredInErrorTransaction', () => {
  const view = savedView(devonGroupDraft);
  const bundle = enteredInErrorTransaction(view, 'Wrong person', fixtureContext());

  it('marks the Encounter and Observations entered-in-error and cancels the Task', () => {
    expect(ofType<Encounter>(bundle, 'Encounter').map((e) => e.status)).toEqual(['entered-in-error']);
    expect(new Set(ofType<Observation>(bundle, 'Observation').map((o) => o.status))).toEqual(
      new Set(['entered-in-error']),
    );
    expect(ofType<Task>(bundle, 'Task').map((t) => t.status)).toEqual(['cancelled']);
  });

  it('leaves the shared group session alone', () => {
    expect(ofType<Encounter>(bundle, 'Encounter').every((e) => e.subject)).toBe(true);
  });

  it('records a Provenance NULLIFY with the reason', () => {
    const provenance = ofType<Provenance>(bundle, 'Provenance')[0];
    expect(provenance?.activity?.coding?.[0]?.code).toBe('NULLIFY');
    expect(provenance?.reason?.[0]?.text).toBe('Wrong person');
  });

  it('says so when the note was never saved', () => {
    const unsaved = transactionToView(draftToTransaction(mariaIndividualDraft, fixtureContext()));
    expect(() => unsaved && enteredInErrorTransaction(unsaved, 'x', fixtureContext())).toThrow(
      NothingToUpdateError,
    );
  });
});
