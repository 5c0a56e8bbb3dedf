/** The new Goal, the follow-up Task and the Provenance of a save (docs/fhir-model.md). */
import type { Coding, Goal, Provenance, Task } from 'fhir/r4';
import { CATEGORY, PROFILE, PROVENANCE_CODE, taskPriorityOf } from './codes';
import { followUpReasonCoding, goalProgressCoding } from './draft-codings';
import type { MappingContext } from './mapping-context';
import type { DraftFollowUp } from './peer-encounter-draft';
import { keyIdentifier, keyTag } from './resource-keys';
import { hasWritableText } from './writable-text';

/** A goal the peer wrote down in the person's own words during the contact. */
/** A goal in the person's words, created with the progress this note gives it as its achievementStatus. */
export function buildNewGoal(m: MappingContext, key: string, description: string, progress: string): Goal {
  const goal: Goal = {
    resourceType: 'Goal',
    identifier: [keyIdentifier(key)],
    lifecycleStatus: 'active',
    achievementStatus: { coding: [goalProgressCoding(progress)] },
    description: { text: description },
    subject: { reference: m.patient },
    startDate: m.draft.start.slice(0, 10),
    expressedBy: { reference: m.patient },
  };
  const meta = m.meta();
  if (meta) {
    goal.meta = meta;
  }
  return goal;
}

export function buildFollowUpTask(
  m: MappingContext,
  key: string,
  encounterRef: string,
  followUp: DraftFollowUp,
  status: Task['status'] = 'requested',
): Task {
  const task: Task = {
    resourceType: 'Task',
    identifier: [keyIdentifier(key)],
    status,
    intent: 'order',
    code: { coding: [CATEGORY.clinicianFollowUp] },
    focus: { reference: encounterRef },
    for: { reference: m.patient },
    authoredOn: m.context.now,
    requester: m.author(),
    reasonCode: { coding: [followUpReasonCoding(followUp.reason)] },
  };
  const meta = m.meta();
  if (meta) {
    task.meta = meta;
  }
  const priority = taskPriorityOf(followUp.urgency);
  if (priority) {
    task.priority = priority;
  }
  if (followUp.recipient) {
    const { reference, display } = followUp.recipient;
    task.owner = { reference, ...(hasWritableText(display) ? { display } : {}) };
  }
  if (followUp.note) {
    task.note = [{ text: followUp.note }];
  }
  return task;
}

export function buildProvenance(
  m: MappingContext,
  key: string,
  targets: readonly string[],
  activity: Coding,
  reason?: string,
): Provenance {
  const agent: Provenance['agent'][number] = {
    type: { coding: [PROVENANCE_CODE.author] },
    who: m.author(),
  };
  if (m.context.organization) {
    agent.onBehalfOf = { reference: m.context.organization };
  }
  const provenance: Provenance = {
    resourceType: 'Provenance',
    meta: { ...m.meta(PROFILE.provenance), tag: [keyTag(key)] },
    target: targets.map((reference) => ({ reference })),
    recorded: m.context.now,
    activity: { coding: [activity] },
    agent: [agent],
  };
  if (reason) {
    provenance.reason = [{ text: reason }];
  }
  return provenance;
}
