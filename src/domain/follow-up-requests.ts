/**
 * Follow-up requests peers leave for the clinician (the Task written with a peer note), read for the
 * top of the clinician's screen, and the acknowledgement a clinician writes back.
 */
import type { Reference, Task } from 'fhir/r4';
import { CATEGORY, FOLLOW_UP_URGENCIES } from './codes';
import { followUpReasonCoding, urgencyCoding } from './draft-codings';
import { codingIn, codingsOf, conceptText, noteText, referenceOf, referenceString } from './fhir-read';
import { arrayOf, textOf } from './guards';
import { EMPTY_NAMES, nameOf, type NameDirectory } from './person-names';
import { referenceKey } from './references';

const REASON_SYSTEM = followUpReasonCoding('').system ?? '';

export interface FollowUpRequest {
  readonly task: Task;
  readonly id: string;
  readonly versionId?: string;
  readonly reason: string;
  readonly urgency: string;
  /** Task.priority as sent: routine | urgent | asap | stat, or ''. */
  readonly priority: string;
  /** Who asked and who is to follow up, by name; '' when the Task names nobody. */
  readonly requester: string;
  readonly owner: string;
  /** The references behind them, so a name read later can replace the wording (person-names.ts). */
  readonly requesterReference?: Reference;
  readonly ownerReference?: Reference;
  readonly authoredOn: string;
  readonly note: string;
  /** `Encounter/<id>` of the peer note the request came with. */
  readonly encounterRef?: string;
}

export function isFollowUpTask(task: Task): boolean {
  return arrayOf(codingsOf(task.code)).some(
    (c) => c.system === CATEGORY.clinicianFollowUp.system && c.code === CATEGORY.clinicianFollowUp.code,
  );
}

/** fhir-profiles lists urgencies from least to most pressing; a code it does not know ranks lowest. */
const PRIORITY_ORDER = FOLLOW_UP_URGENCIES.map((u) => u.code);

function rank(priority: string): number {
  return -PRIORITY_ORDER.indexOf(priority);
}

export function readFollowUpRequest(
  task: Task,
  names: NameDirectory = EMPTY_NAMES,
): FollowUpRequest | undefined {
  const id = textOf(task.id);
  if (!id) {
    return undefined;
  }
  const versionId = textOf(task.meta?.versionId);
  const priority = textOf(task.priority) ?? '';
  const reasonCoding = codingIn(task.reasonCode, REASON_SYSTEM);
  const reason =
    (reasonCoding?.code ? followUpReasonCoding(reasonCoding.code).display : undefined) ??
    conceptText(task.reasonCode);
  const requester = referenceOf(task.requester);
  const owner = referenceOf(task.owner);
  const encounterRef = referenceKey(referenceString(task.focus));
  return {
    task,
    id,
    ...(versionId ? { versionId } : {}),
    reason: reason || 'No reason given',
    urgency: (priority ? urgencyCoding(priority).display : undefined) ?? priority,
    priority,
    requester: requester ? nameOf(names, requester, 'a peer') : '',
    owner: owner ? nameOf(names, owner, 'a clinician') : '',
    ...(requester ? { requesterReference: requester } : {}),
    ...(owner ? { ownerReference: owner } : {}),
    authoredOn: textOf(task.authoredOn) ?? '',
    note: noteText(task.note) ?? '',
    ...(encounterRef?.startsWith('Encounter/') ? { encounterRef } : {}),
  };
}

/** Open follow-up requests (status requested), most urgent first, then newest first. */
export function openFollowUps(tasks: readonly Task[], names: NameDirectory = EMPTY_NAMES): FollowUpRequest[] {
  const requests: FollowUpRequest[] = [];
  const seen = new Set<string>();
  for (const task of tasks) {
    if ((task.status as unknown) !== 'requested' || !isFollowUpTask(task)) {
      continue;
    }
    const request = readFollowUpRequest(task, names);
    if (request && !seen.has(request.id)) {
      seen.add(request.id);
      requests.push(request);
    }
  }
  return requests.sort(
    (a, b) => rank(a.priority) - rank(b.priority) || b.authoredOn.localeCompare(a.authoredOn),
  );
}

/**
 * The Task after a clinician acknowledges it: status accepted (the request is seen and taken on),
 * everything else as the server sent it, so nothing the peer wrote is lost by the update.
 * https://hl7.org/fhir/R4/task.html#statemachine
 */
export function acknowledgedTask(task: Task, now: string): Task {
  return { ...task, status: 'accepted', lastModified: now };
}
