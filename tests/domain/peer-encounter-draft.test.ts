import { describe, expect, it } from 'vitest';
import { billingUnits, emptyDraft } from '../../src/domain/peer-encounter-draft';
import { validateDraftForSave } from '../../src/domain/validate-draft';

describe('billingUnits', () => {
  it('gives no unit below 8 minutes', () => {
    expect([0, 1, 7, 7.9, -5, Number.NaN].map(billingUnits)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('counts 15-minute units by the 8-minute rule', () => {
    expect([8, 15, 22, 23, 37, 38, 52, 53, 60, 90].map(billingUnits)).toEqual([1, 1, 1, 2, 2, 3, 3, 4, 4, 6]);
  });
});

describe('emptyDraft', () => {
  it('starts now, to the minute, with nothing chosen', () => {
    const draft = emptyDraft(
      '6f1c2a4e-8b0d-4c5e-9a77-0d1e2f3a4b51',
      'pt-maria-santos',
      new Date('2026-11-20T17:05:42.123Z'),
    );
    expect(draft).toMatchObject({
      start: '2026-11-20T17:05:00Z',
      durationMinutes: 0,
      contactMode: '',
      status: 'draft',
    });
  });

  it('survives JSON unchanged', () => {
    const draft = emptyDraft(
      '6f1c2a4e-8b0d-4c5e-9a77-0d1e2f3a4b51',
      'pt-maria-santos',
      new Date('2026-11-20T17:05:00Z'),
    );
    expect(JSON.parse(JSON.stringify(draft))).toEqual(draft);
  });

  it('is not yet saveable: it asks for the duration and the contact mode', () => {
    const now = new Date('2026-11-20T17:05:00Z');
    const draft = emptyDraft('6f1c2a4e-8b0d-4c5e-9a77-0d1e2f3a4b51', 'pt-maria-santos', now);
    expect(validateDraftForSave(draft, 'draft', now).map((p) => p.field)).toEqual([
      'durationMinutes',
      'contactMode',
    ]);
  });
});
