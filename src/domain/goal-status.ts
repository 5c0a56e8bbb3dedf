/**
 * Goal.achievementStatus kept current from a signed note's goal progress. Progress is written as an
 * Observation about the Goal (focus); EHRs that show Goals show the Goal's own achievementStatus, so
 * where the server lets PeerBridge update Goals the Goal says it too (docs/fhir-model.md). Pure: the
 * writer in src/fhir reads each Goal, asks here what to send, and sends it with If-Match.
 */
import type { Goal } from 'fhir/r4';
import { goalProgressCoding } from './draft-codings';
import type { PeerEncounterDraft } from './peer-encounter-draft';

/** A Goal already in the record and the goal-achievement code the note gives it. */
export interface GoalStatusChange {
  readonly goalId: string;
  /** The goal in the person's words, for the saved-note message. */
  readonly description: string;
  readonly progress: string;
}

/**
 * The existing Goals a save updates: only for a signed note (a draft's progress may still change),
 * the last progress given for each goal.
 */
export function goalStatusChanges(draft: PeerEncounterDraft): GoalStatusChange[] {
  if (draft.status !== 'final') {
    return [];
  }
  const byGoal = new Map<string, GoalStatusChange>();
  for (const { goal, progress } of draft.goals) {
    if (goal.kind === 'existing') {
      byGoal.set(goal.id, { goalId: goal.id, description: goal.description, progress });
    }
  }
  return [...byGoal.values()];
}

/**
 * The Goal as read with its achievementStatus set to `progress`, every other element as the server
 * sent it (so an update changes nothing else); undefined when it already says so, or when the goal
 * was ended in the record (a cancelled or entered-in-error goal is not PeerBridge's to revive).
 */
export function goalWithAchievement(goal: Goal, progress: string): Goal | undefined {
  const coding = goalProgressCoding(progress);
  if (goal.lifecycleStatus === 'cancelled' || goal.lifecycleStatus === 'entered-in-error') {
    return undefined;
  }
  const current = goal.achievementStatus?.coding ?? [];
  const only = current.length === 1 ? current[0] : undefined;
  if (only && only.system === coding.system && only.code === coding.code) {
    return undefined;
  }
  return { ...goal, achievementStatus: { coding: [{ ...coding }] } };
}

/** The saved-note view's sentence for Goals PeerBridge could not bring up to date, if any. */
export function describeGoalsNotUpdated(descriptions: readonly string[]): string | undefined {
  if (descriptions.length === 0) {
    return undefined;
  }
  const names = descriptions.map((name) => `“${name}”`).join(', ');
  const one = descriptions.length === 1;
  return `${one ? 'The goal' : 'The goals'} ${names} ${one ? 'was' : 'were'} not updated in the EHR (changed there at the same time, or not readable): the progress is in this note.`;
}
