/** Codes of a follow-up request: Task.priority from the urgency, Communication.category where Task is not creatable. */
import { fhirCodes, urgencies } from './fhir-profiles';
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
