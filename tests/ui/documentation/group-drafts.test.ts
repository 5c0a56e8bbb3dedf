import { describe, expect, it } from 'vitest';
import { validateDraftForSave } from '../../../src/domain/validate-draft';
import { participantDraft } from '../../../src/ui/documentation/group-drafts';
import { devonGroupDraft, FIXTURE_NOW } from '../../../mocks/fixtures/drafts';

const MARIA = { patientId: 'pt-maria-santos', draftId: '00000002-0000-4000-8000-000000000001' };
const SUMMARY = 'The Tuesday group planned their weekends and who each would call if it got hard.';

describe('participantDraft', () => {
  it('gives the participant a note of their own, under their own id and patient', () => {
    const draft = participantDraft(devonGroupDraft, MARIA, SUMMARY);
    expect(draft.id).toBe(MARIA.draftId);
    expect(draft.patientId).toBe('pt-maria-santos');
  });

  it('keeps the shared facts of the session', () => {
    const draft = participantDraft(devonGroupDraft, MARIA, SUMMARY);
    expect(draft).toMatchObject({
      start: devonGroupDraft.start,
      durationMinutes: devonGroupDraft.durationMinutes,
      contactMode: devonGroupDraft.contactMode,
      format: 'group',
      groupSession: devonGroupDraft.groupSession,
      activities: devonGroupDraft.activities,
      sensitivity: devonGroupDraft.sensitivity,
      status: devonGroupDraft.status,
    });
  });

  it('uses the group summary as the note, not the words about the person whose chart is open', () => {
    expect(participantDraft(devonGroupDraft, MARIA, SUMMARY).narrative).toBe(SUMMARY);
  });

  it('carries none of the open chart’s goals, response, measures, next steps or follow-up', () => {
    const draft = participantDraft(
      { ...devonGroupDraft, nextSteps: 'Devon will call his sponsor.' },
      MARIA,
      SUMMARY,
    );
    expect(draft.goals).toEqual([]);
    expect(draft.measures).toEqual([]);
    expect(draft).not.toHaveProperty('response');
    expect(draft).not.toHaveProperty('nextSteps');
    expect(draft).not.toHaveProperty('followUp');
  });

  it('keeps the setting only when the session had one', () => {
    expect(participantDraft(devonGroupDraft, MARIA, SUMMARY)).not.toHaveProperty('setting');
    expect(participantDraft({ ...devonGroupDraft, setting: 'clinic' }, MARIA, SUMMARY).setting).toBe(
      'clinic',
    );
  });

  it('is a note that can be submitted as it is', () => {
    const draft = participantDraft(devonGroupDraft, MARIA, SUMMARY);
    expect(validateDraftForSave(draft, 'final', new Date(FIXTURE_NOW))).toEqual([]);
  });
});
