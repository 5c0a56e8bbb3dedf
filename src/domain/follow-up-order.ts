/**
 * The order a clinician reads follow-up requests in: the most pressing first (stat, asap, urgent,
 * routine, then a priority PeerBridge does not know), newest first within each; and the one kind that
 * goes above everything else on the screen: a safety concern asked for urgently or sooner.
 */
import { FOLLOW_UP_PRIORITY_ORDER, SAFETY_CONCERN_REASON, URGENT_PRIORITY } from './codes';

/** What ordering needs of a request, wherever it came from (follow-up-sources.ts). */
export interface OrderableFollowUp {
  /** Task.priority as sent: routine | urgent | asap | stat, or ''. */
  readonly priority: string;
  /** A follow-up-reason code, or '' when the request uses another system. */
  readonly reasonCode: string;
  /** When it was asked, as the server sent it; '' when unknown. */
  readonly authoredOn: string;
}

/** Higher is more pressing; a priority PeerBridge does not know ranks below routine. */
export function priorityRank(priority: string): number {
  return FOLLOW_UP_PRIORITY_ORDER.indexOf(priority);
}

const URGENT_RANK = priorityRank(URGENT_PRIORITY.code);

/** Milliseconds since the epoch, or -Infinity for a date that does not parse (listed last). */
function timeOf(value: string): number {
  const time = Date.parse(value);
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}

/**
 * Most pressing first, then newest first. Dates are compared as instants, not strings: two servers'
 * offsets (`-05:00`, `Z`) would otherwise sort by their text.
 */
export function compareFollowUps(a: OrderableFollowUp, b: OrderableFollowUp): number {
  const byRank = priorityRank(b.priority) - priorityRank(a.priority);
  if (byRank !== 0) {
    return byRank;
  }
  const [at, bt] = [timeOf(a.authoredOn), timeOf(b.authoredOn)];
  if (at === bt) {
    return 0;
  }
  return bt > at ? 1 : -1;
}

export function orderFollowUps<T extends OrderableFollowUp>(requests: readonly T[]): T[] {
  return [...requests].sort(compareFollowUps);
}

/** A safety concern asked for urgently, as soon as possible or at once. */
export function isUrgentSafetyConcern(request: OrderableFollowUp): boolean {
  return request.reasonCode === SAFETY_CONCERN_REASON.code && priorityRank(request.priority) >= URGENT_RANK;
}

/** The urgent safety concerns (shown above everything), and the rest, each in reading order. */
export function splitUrgentSafety<T extends OrderableFollowUp>(
  requests: readonly T[],
): { readonly urgentSafety: T[]; readonly others: T[] } {
  const ordered = orderFollowUps(requests);
  return {
    urgentSafety: ordered.filter(isUrgentSafetyConcern),
    others: ordered.filter((r) => !isUrgentSafetyConcern(r)),
  };
}
