import type { Goal, Reference, Task } from 'fhir/r4';
import { AUTHOR, CLINICIAN, NEW_GOAL_KEY, NOW, PATIENT, metaFor, ours, resourceKey } from './context';

/** A goal the peer wrote down in Maria's own words during the contact. */
export function newGoal(): Goal {
  return {
    resourceType: 'Goal',
    meta: { security: metaFor().security },
    identifier: resourceKey(`goal:${NEW_GOAL_KEY}`),
    lifecycleStatus: 'active',
    // Created with the progress the note gives it (the goal-progress Observation says the same).
    achievementStatus: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/goal-achievement',
          code: 'in-progress',
          display: 'In Progress',
        },
      ],
    },
    description: { text: 'Go to the library reading group once a month' },
    subject: PATIENT,
    expressedBy: PATIENT,
    startDate: '2026-03-09',
  };
}

/** Base R4 Task (no profile): the clinician follow-up the peer asked for. */
export function followUpTask(encounter: Reference): Task {
  return {
    resourceType: 'Task',
    meta: { security: metaFor().security },
    identifier: resourceKey('task'),
    status: 'requested',
    intent: 'order',
    priority: 'routine',
    code: { coding: [ours('peer-support-category', 'clinician-follow-up')] },
    focus: encounter,
    for: PATIENT,
    authoredOn: NOW,
    requester: AUTHOR,
    owner: CLINICIAN,
    reasonCode: { coding: [ours('follow-up-reason', 'medication-question')] },
    note: [{ text: 'Maria asked whether her new medicine can make her sleepy in the morning.' }],
  };
}
