/** Codes of a follow-up request: Task.priority from the urgency, Communication.category where Task is not creatable. */
import { fhirCodes, followUpReasons, urgencies } from './fhir-profiles';
import { codingOf } from './codes-lookup';

/** Communication.category of a follow-up request sent where Task is not creatable (Oracle Health takes notification). */
export const FOLLOW_UP_MESSAGE_CATEGORY = codingOf(fhirCodes, 'notification');

const URGENCY_CODES = new Set(['routine', 'urgent', 'asap'].map((c) => codingOf(urgencies, c).code));
/** Task.priority for a follow-up urgency code (FHIR request-priority), if it is one. */
export function taskPriorityOf(code: string): 'routine' | 'urgent' | 'asap' | undefined {
  if (!URGENCY_CODES.has(code)) {
    return undefined;
  }
  switch (code) {
    case 'routine':
    case 'urgent':
    case 'asap':
      return code;
    default:
      return undefined;
  }
}

/** The follow-up reason a safety answer (PHQ-9 item 9) gives the follow-up. */
export const SAFETY_FOLLOW_UP_REASON = codingOf(followUpReasons, 'safety-concern');
/** The least urgency a safety follow-up may have. */
export const SAFETY_FOLLOW_UP_URGENCY = codingOf(urgencies, 'urgent');

/** request-priority is ordered: routine < urgent < asap (< stat, not offered). */
const URGENCY_ORDER: readonly string[] = ['routine', 'urgent', 'asap'].map(
  (c) => codingOf(urgencies, c).code,
);

/** Whether urgency `code` is at least `floor` in request-priority's order; an unknown code is not. */
export function isAtLeastAsUrgent(code: string, floor: string): boolean {
  const rank = URGENCY_ORDER.indexOf(code);
  return rank >= 0 && rank >= URGENCY_ORDER.indexOf(floor);
}
