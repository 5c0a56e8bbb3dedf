import type { Task } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { devonGroupDraft, lenaPart2Draft, mariaIndividualDraft } from '../../mocks/fixtures/drafts';
import { acknowledgedTask, openFollowUps } from '../../src/domain/follow-up-requests';
import { storedNote } from './support/stored-note';

function taskOf(resources: ReturnType<typeof storedNote>): Task {
  const task = resources.find((r): r is Task => r.resourceType === 'Task');
  if (!task) {
    throw new Error('the note has no follow-up Task');
  }
  return task;
}

const devonTask = taskOf(storedNote(devonGroupDraft, 1000));
const lenaTask = taskOf(storedNote({ ...lenaPart2Draft, status: 'final' }, 2000));

describe('openFollowUps', () => {
  it('reads reason, urgency, who asked, when, and the note the request came with', () => {
    const [request] = openFollowUps([devonTask]);
    expect(request).toMatchObject({
      reason: 'Medication question or concern',
      urgency: 'Routine',
      requester: 'Alex Rivera',
      owner: 'Dr. Sam Okafor',
      authoredOn: '2026-11-20T17:05:00Z',
      note: 'Devon asks whether his dose can move to the morning.',
    });
    expect(request?.encounterRef).toMatch(/^Encounter\/\d+$/);
    expect(request?.versionId).toBe('1');
  });

  it('puts the most urgent request first', () => {
    expect(openFollowUps([devonTask, lenaTask]).map((r) => r.urgency)).toEqual(['Urgent', 'Routine']);
  });

  it('leaves out requests already accepted or cancelled, and tasks of other kinds', () => {
    const other: Task = { ...devonTask, id: 'other', code: { text: 'Call the pharmacy' } };
    expect(
      openFollowUps([{ ...devonTask, status: 'accepted' }, { ...lenaTask, status: 'cancelled' }, other]),
    ).toEqual([]);
  });

  it('has none for a note without a follow-up', () => {
    expect(storedNote(mariaIndividualDraft, 3000).some((r) => r.resourceType === 'Task')).toBe(false);
  });
});

describe('acknowledgedTask', () => {
  it('accepts the request and keeps everything the peer wrote', () => {
    const acknowledged = acknowledgedTask(devonTask, '2026-11-21T09:00:00Z');
    expect(acknowledged.status).toBe('accepted');
    expect(acknowledged.lastModified).toBe('2026-11-21T09:00:00Z');
    expect({ ...acknowledged, status: devonTask.status, lastModified: undefined }).toEqual({
      ...devonTask,
      lastModified: undefined,
    });
  });
});
