import { describe, expect, it } from 'vitest';
import type { PeerEncounterDraft } from '../../src/domain/peer-encounter-draft';
import { validateDraft, validateDraftForSave } from '../../src/domain/validate-draft';
import { devonGroupDraft, lenaPart2Draft, mariaIndividualDraft } from '../../mocks/fixtures/drafts';

const NOW = new Date('2026-11-20T17:05:00Z');
const problems = (draft: PeerEncounterDraft, kind: 'draft' | 'final' = 'final') =>
  validateDraftForSave(draft, kind, NOW);
const fields = (draft: PeerEncounterDraft, kind: 'draft' | 'final' = 'final') =>
  problems(draft, kind).map((p) => p.field);

describe('validateDraftForSave', () => {
  it('accepts the fixture drafts', () => {
    for (const draft of [mariaIndividualDraft, devonGroupDraft, lenaPart2Draft]) {
      expect(validateDraft(draft, NOW)).toEqual([]);
    }
  });

  it('asks for the duration in plain words', () => {
    expect(problems({ ...mariaIndividualDraft, durationMinutes: 0 })).toEqual([
      { field: 'durationMinutes', message: 'Enter how long the contact lasted, in minutes (1 to 600).' },
    ]);
    expect(fields({ ...mariaIndividualDraft, durationMinutes: 601 })).toEqual(['durationMinutes']);
    expect(fields({ ...mariaIndividualDraft, durationMinutes: 12.5 })).toEqual(['durationMinutes']);
  });

  it('needs an activity and a note to sign, but not to save a draft', () => {
    const bare = { ...mariaIndividualDraft, activities: [], narrative: '  ' };
    expect(problems(bare)).toEqual([
      { field: 'activities', message: 'Choose at least one activity.' },
      { field: 'narrative', message: 'Write a short note about the contact.' },
    ]);
    expect(problems(bare, 'draft')).toEqual([]);
  });

  it('refuses a start more than a day ahead, and a start without a time zone', () => {
    expect(fields({ ...mariaIndividualDraft, start: '2026-11-21T18:00:00Z' }, 'draft')).toEqual(['start']);
    expect(fields({ ...mariaIndividualDraft, start: '2026-11-21T16:00:00Z' }, 'draft')).toEqual([]);
    expect(fields({ ...mariaIndividualDraft, start: '2026-11-18T10:00:00' }, 'draft')).toEqual(['start']);
    expect(fields({ ...mariaIndividualDraft, start: 'yesterday' }, 'draft')).toEqual(['start']);
  });

  it('needs a reason and an urgency when follow-up is asked', () => {
    const draft = { ...devonGroupDraft, followUp: { reason: '', urgency: 'whenever' } };
    expect(problems(draft)).toEqual([
      { field: 'followUp.reason', message: 'Choose why a clinician should follow up.' },
      { field: 'followUp.urgency', message: 'Choose how soon: routine, urgent or asap.' },
    ]);
  });

  it('scores check-in items from 1 to 5 only', () => {
    const draft = {
      ...mariaIndividualDraft,
      measures: [{ kind: 'check-in', items: { hope: 6, courage: 3 } }],
    } as unknown as PeerEncounterDraft;
    expect(fields(draft)).toEqual(['measures.0.items.hope', 'measures.0.items.courage']);
  });

  it('keeps each screening total in its range', () => {
    const score = (code: string, value: number): PeerEncounterDraft => ({
      ...mariaIndividualDraft,
      measures: [{ kind: 'score', code, value }],
    });
    expect(problems(score('44261-6', 28))).toEqual([
      { field: 'measures.0.value', message: 'Enter a PHQ-9 total from 0 to 27.' },
    ]);
    expect(fields(score('44261-6', 27))).toEqual([]);
    expect(fields(score('55758-7', 7))).toEqual(['measures.0.value']);
    expect(fields(score('70274-6', 21))).toEqual([]);
    expect(fields(score('70274-6', 22))).toEqual(['measures.0.value']);
    expect(fields(score('00000-0', 1))).toEqual(['measures.0.code']);
  });

  it('refuses codes that are not in their ValueSets', () => {
    const draft: PeerEncounterDraft = {
      ...mariaIndividualDraft,
      contactMode: 'carrier-pigeon',
      setting: 'moon',
      activities: ['engagement', 'juggling'],
      goals: [{ goal: { kind: 'existing', id: 'g1', description: 'x' }, progress: 'great' }],
      response: { code: 'thrilled' },
    };
    expect(fields(draft)).toEqual([
      'contactMode',
      'setting',
      'activities.1',
      'goals.0.progress',
      'response.code',
    ]);
    expect(problems(draft)[0]?.message).toBe(
      'Choose how you were in contact: in person, phone, video or text or chat.',
    );
  });

  it('needs a group session for group work', () => {
    expect(fields({ ...devonGroupDraft, groupSession: undefined })).toEqual(['groupSession']);
  });

  it('limits the note to 10,000 characters', () => {
    expect(problems({ ...mariaIndividualDraft, narrative: 'a'.repeat(10_001) })).toEqual([
      { field: 'narrative', message: 'The note is too long: keep it under 10,000 characters.' },
    ]);
  });

  it('refuses duplicates that would share a resource key', () => {
    const goal = mariaIndividualDraft.goals[0];
    const draft: PeerEncounterDraft = {
      ...mariaIndividualDraft,
      activities: ['coping', 'coping'],
      goals: goal ? [goal, goal] : [],
    };
    expect(fields(draft)).toEqual(['activities.1', 'goals.1.goal']);
  });

  it('refuses keys that could not go safely into a search string', () => {
    const draft: PeerEncounterDraft = {
      ...mariaIndividualDraft,
      goals: [{ goal: { kind: 'new', key: 'a|b,c', description: 'Sleep better' }, progress: 'in-progress' }],
    };
    expect(fields(draft)).toEqual(['goals.0.goal']);
  });
});
