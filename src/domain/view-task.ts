/** Reads the clinician follow-up Task of a peer encounter (who was asked, how soon, why). */
import type { Task } from 'fhir/r4';
import { followUpReasonCoding } from './draft-codings';
import { codingIn, noteText, referenceOf } from './fhir-read';
import { textOf } from './guards';
import type { DraftFollowUp, DraftRecipient } from './peer-encounter-draft';

const REASON_SYSTEM = followUpReasonCoding('').system ?? '';

export interface TaskParts {
  readonly recipient?: DraftRecipient;
  readonly followUp: DraftFollowUp;
  readonly status: string;
}

export function readFollowUpTask(task: Task): TaskParts {
  const owner = referenceOf(task.owner);
  const recipient = owner?.reference
    ? { reference: owner.reference, display: owner.display ?? '' }
    : undefined;
  const note = noteText(task.note);
  const followUp: DraftFollowUp = {
    reason: textOf(codingIn(task.reasonCode, REASON_SYSTEM)?.code) ?? '',
    urgency: textOf(task.priority) ?? '',
    ...(recipient ? { recipient } : {}),
    ...(note ? { note } : {}),
  };
  return { ...(recipient ? { recipient } : {}), followUp, status: textOf(task.status) ?? '' };
}
