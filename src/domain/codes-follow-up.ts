/** Codes of a follow-up request: Task.priority from the urgency, Communication.category where Task is not creatable. */
import { fhirCodes, followUpReasons, urgencies } from './fhir-profiles';
import { codingOf, conceptList } from './codes-lookup';

/** Communication.category of a follow-up request sent where Task is not creatable (Oracle Health takes notification). */
export const FOLLOW_UP_MESSAGE_CATEGORY = codingOf(fhirCodes, 'notification');

/** The reason a follow-up is about someone's safety: the clinician's screen puts an urgent one first. */
export const SAFETY_CONCERN_REASON = codingOf(followUpReasons, 'safety-concern');
/** The least pressing urgency at which a safety concern goes above everything on the clinician's screen. */
export const URGENT_PRIORITY = codingOf(urgencies, 'urgent');

/**
 * Every Task.priority a follow-up may carry, least to most pressing: the urgencies a peer can choose,
 * then `stat`, which PeerBridge never writes but another app's request may carry
 * (https://hl7.org/fhir/R4/codesystem-request-priority.html: routine < urgent < asap < stat).
 */
export const FOLLOW_UP_PRIORITY_ORDER: readonly string[] = [
  ...conceptList(urgencies).map((u) => u.code),
  codingOf(fhirCodes, 'stat').code,
];

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

/** Whether urgency `code` is at least `floor` in request-priority's order; an unknown code is not. */
export function isAtLeastAsUrgent(code: string, floor: string): boolean {
  const rank = FOLLOW_UP_PRIORITY_ORDER.indexOf(code);
  return rank >= 0 && rank >= FOLLOW_UP_PRIORITY_ORDER.indexOf(floor);
}

/**
 * A message's priority: routine or urgent. Oracle Health takes only those two on a Communication
 * (cerner/fhir.cerner.com lib/resources/r4/communication.yaml, priority: "Only 'routine' and 'urgent'
 * priorities are supported"), so an ASAP request goes as urgent, with "ASAP" in its words,
 * rather than being refused and never reaching the inbox.
 */
export function messagePriorityOf(urgency: string): 'routine' | 'urgent' | undefined {
  const priority = taskPriorityOf(urgency);
  return priority === 'asap' ? 'urgent' : priority;
}
