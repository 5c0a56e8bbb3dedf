/**
 * Sets Goal.achievementStatus on the Goals a signed note gives progress for, each as an update with
 * If-Match on the version just read (FHIR R4 http.html#concurrency). Planned only where the server
 * lists Goal update and the scopes allow it (write plan `goalStatus`); elsewhere the progress
 * Observation alone carries it, and nothing is said.
 *
 * A version conflict (409/412) means someone changed the Goal between the read and the update:
 * PeerBridge reads it again once and sends the same one-element change on the new version, which
 * loses nothing the other writer did because achievementStatus is all it sets. A second conflict, a
 * Goal that cannot be read or a passing fault leaves that Goal as it is and says so in the saved-note
 * view; the note itself is already saved, so none of this ever fails the save.
 */
import type { Goal } from 'fhir/r4';
import { isRecord, textOf } from '../domain/guards';
import { goalWithAchievement, type GoalStatusChange } from '../domain/goal-status';
import { asVersionConflict, FhirHttpError, VersionConflictError } from './fhir-errors';
import type { FhirResponse, FhirSession } from './smart-session';

export interface GoalStatusReport {
  /** Goals whose achievementStatus now says what the note says (updated, or already so). */
  readonly current: readonly string[];
  /** Goals left as they were, by description, for the saved-note view. */
  readonly notUpdated: readonly string[];
  /** The server refused Goal updates from this app although it lists them: remember, plan around. */
  readonly refused: boolean;
  readonly requestCount: number;
}

/** Answers that mean "this server does not take Goal updates from this app". */
const REFUSED = new Set([400, 403, 405, 422]);

function isGoal(value: unknown): value is Goal {
  return isRecord(value) && value.resourceType === 'Goal';
}

function versionOf(response: FhirResponse, goal: Goal): string | undefined {
  const etag = /^(?:W\/)?"([^"]+)"$/.exec(response.headers.get('ETag')?.trim() ?? '');
  return textOf(goal.meta?.versionId) ?? etag?.[1];
}

type Attempt = 'current' | 'conflict' | 'not-updated' | 'refused';

export async function writeGoalStatuses(
  session: FhirSession,
  changes: readonly GoalStatusChange[],
): Promise<GoalStatusReport> {
  const current: string[] = [];
  const notUpdated: string[] = [];
  let requestCount = 0;
  let refused = false;

  async function attempt(change: GoalStatusChange): Promise<Attempt> {
    const path = `Goal/${encodeURIComponent(change.goalId)}`;
    const read = await session.request(path);
    requestCount += 1;
    if (!isGoal(read.body)) {
      return 'not-updated';
    }
    const updated = goalWithAchievement(read.body, change.progress);
    if (!updated) {
      return 'current';
    }
    const version = versionOf(read, read.body);
    if (!version) {
      // Without a version an update could overwrite someone else's change: left as it is.
      return 'not-updated';
    }
    try {
      requestCount += 1;
      await session.request(path, {
        method: 'PUT',
        body: updated,
        headers: { 'If-Match': `W/"${version}"` },
      });
      return 'current';
    } catch (error) {
      if (asVersionConflict(error) instanceof VersionConflictError) {
        return 'conflict';
      }
      if (error instanceof FhirHttpError && REFUSED.has(error.status)) {
        return 'refused';
      }
      throw error;
    }
  }

  for (const change of changes) {
    if (refused) {
      break;
    }
    let result: Attempt;
    try {
      result = await attempt(change);
      if (result === 'conflict') {
        result = await attempt(change);
      }
    } catch {
      // A passing fault (network, 5xx, expired session): the note is saved; this goal is not updated.
      result = 'not-updated';
    }
    if (result === 'current') {
      current.push(change.goalId);
    } else if (result === 'refused') {
      refused = true;
    } else {
      notUpdated.push(change.description);
    }
  }
  return { current, notUpdated, refused, requestCount };
}
