/**
 * Follow-up requests peers leave for the clinician (the Task written with a peer note), read for the
 * top of the clinician's screen, and the acknowledgement a clinician writes back. Requests that came
 * another way (an Observation, a message, the note alone) are read in follow-up-sources.ts.
 */
import type { Reference, Task } from 'fhir/r4';
import { CATEGORY } from './codes';
import { followUpReasonCoding, urgencyCoding } from './draft-codings';
import { codingIn, codingsOf, conceptText, noteText, referenceOf, referenceString } from './fhir-read';
import { arrayOf, textOf } from './guards';
import { compareFollowUps } from './follow-up-order';
import { EMPTY_NAMES, nameOf, type NameDirectory } from './person-names';
import { referenceKey } from './references';

const REASON_SYSTEM = followUpReasonCoding('').system ?? '';

/** Who asked and for whom, by name, with the references kept for names read later. */
export function requestPeople(
  names: NameDirectory,
  requester: Reference | undefined,
  owner: Reference | undefined,
): Pick<FollowUpRequest, 'requester' | 'owner' | 'requesterReference' | 'ownerReference'> {
  return {
    requester: requester ? nameOf(names, requester, 'a peer') : '',
    owner: owner ? nameOf(names, owner, 'a clinician') : '',
    ...(requester ? { requesterReference: requester } : {}),
    ...(owner ? { ownerReference: owner } : {}),
  };
}

/**
 * How the request reached the record: a Task (the only kind PeerBridge can mark acknowledged), a
 * follow-up Observation, a Communication to the clinician, or only the text of the clinical note.
 */
export type FollowUpSource = 'task' | 'observation' | 'communication' | 'note';

export interface FollowUpRequest {
  readonly source: FollowUpSource;
  /** The Task, when the request is one: acknowledging updates it. */
  readonly task?: Task;
  /** Unique on the screen: the Task's id, else `<type>/<id>` of the resource it came in. */
  readonly id: string;
  readonly versionId?: string;
  /** The follow-up-reason code, or '' when the request uses another system's words. */
  readonly reasonCode: string;
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
  /** `DocumentReference/<id>` of the clinical note it came in, when it came only in a note. */
  readonly noteRef?: string;
  /**
   * What makes it a safety event, in the instrument's words, e.g. "PHQ-9 item 9: thoughts of being
   * better off dead or of self-harm (“Several days”)": from the answers of the note it came with.
   */
  readonly safety?: readonly string[];
}

export function isFollowUpTask(task: Task): boolean {
  return arrayOf(codingsOf(task.code)).some(
    (c) => c.system === CATEGORY.clinicianFollowUp.system && c.code === CATEGORY.clinicianFollowUp.code,
  );
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
    source: 'task',
    task,
    id,
    ...(versionId ? { versionId } : {}),
    reasonCode: textOf(reasonCoding?.code) ?? '',
    reason: reason || 'No reason given',
    urgency: (priority ? urgencyCoding(priority).display : undefined) ?? priority,
    priority,
    ...requestPeople(names, requester, owner),
    authoredOn: textOf(task.authoredOn) ?? '',
    note: noteText(task.note) ?? '',
    ...(encounterRef?.startsWith('Encounter/') ? { encounterRef } : {}),
  };
}

/** Open follow-up requests (status requested), most urgent first, then newest first (follow-up-order.ts). */
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
  return requests.sort(compareFollowUps);
}

/**
 * The Task after a clinician acknowledges it: status accepted (the request is seen and taken on),
 * everything else as the server sent it, so nothing the peer wrote is lost by the update.
 * https://hl7.org/fhir/R4/task.html#statemachine
 */
export function acknowledgedTask(task: Task, now: string): Task {
  return { ...task, status: 'accepted', lastModified: now };
}
