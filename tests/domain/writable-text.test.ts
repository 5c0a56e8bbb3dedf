import { describe, expect, it } from 'vitest';
import { mariaIndividualDraft } from '../../mocks/fixtures/drafts';
import { writableDraft } from '../../src/domain/writable-text';

describe('writableDraft', () => {
  it('drops texts that are only whitespace, which FHIR strings cannot hold', () => {
    const draft = writableDraft({
      ...mariaIndividualDraft,
      narrative: '  \n ',
      nextSteps: ' ',
      response: { code: 'engaged', comment: '\t' },
    });
    expect(draft.narrative).toBe('');
    expect(draft.nextSteps).toBeUndefined();
    expect(draft.response).toEqual({ code: 'engaged' });
  });

  it('keeps real text exactly as typed, spaces included', () => {
    const draft = writableDraft({ ...mariaIndividualDraft, narrative: '  Met at the library.  ' });
    expect(draft.narrative).toBe('  Met at the library.  ');
  });

  it('writes no display for a follow-up recipient whose display is blank, rather than the reference', () => {
    const draft = writableDraft({
      ...mariaIndividualDraft,
      followUp: {
        reason: 'safety-concern',
        urgency: 'urgent',
        recipient: { reference: 'Practitioner/pr-sam-okafor', display: ' ' },
      },
    });
    expect(draft.followUp?.recipient).toEqual({
      reference: 'Practitioner/pr-sam-okafor',
      display: '',
    });
  });
});
