/**
 * A peer's follow-up request reaches the record in whichever way the EHR takes: a Task where apps may
 * create one, a follow-up Observation where only Observations are taken, a Communication to the
 * clinician's inbox (Oracle Health), or only the text of the clinical note (Epic, Oracle). The
 * clinician's screen lists them as one list, each request once, most pressing first.
 *
 * Only a Task has a status PeerBridge can read and set, so a request known only from an Observation,
 * a message or a note is listed for a limited time after it was asked (REQUESTS_WITHOUT_STATUS_DAYS):
 * otherwise a safety concern handled months ago would sit at the top of the screen for ever.
 */
import type { Communication, Observation, Reference, Task } from 'fhir/r4';
import { OBSERVATION_CODE } from './codes';
import { followUpReasonCoding, urgencyCoding } from './draft-codings';
import { codingIn, codingsOf, conceptText, referenceOf, referenceString } from './fhir-read';
import { isFollowUpTask, openFollowUps, requestPeople, type FollowUpRequest } from './follow-up-requests';
import { orderFollowUps } from './follow-up-order';
import { arrayOf, isRecord, textOf } from './guards';
import type { PeerNote } from './patient-notes';
import type { DraftFollowUp, DraftMeasure } from './peer-encounter-draft';
import { EMPTY_NAMES, type NameDirectory } from './person-names';
import { referenceKey } from './references';
import { resourceKey, resourceKeyOf } from './resource-keys';
import { peerWordsOf, safetyAnswersIn } from './safety-follow-up';
import { addObservation, emptyParts } from './view-observations';

/** How long a request without a status (not a Task) stays listed after it was asked. */
export const REQUESTS_WITHOUT_STATUS_DAYS = 30;

const REASON_SYSTEM = followUpReasonCoding('').system ?? '';
const MESSAGE_KEY_SUFFIX = resourceKey.followUpMessage('');

/** What each instrument of a note says makes it a safety event, e.g. a positive PHQ-9 item 9. */
export function safetyReasonsOf(measures: readonly DraftMeasure[]): string[] {
  return safetyAnswersIn(measures).map((answer) => answer.reason);
}

/** The request of a draft's follow-up part, read from an Observation or a note. */
function fromDraftFollowUp(
  followUp: DraftFollowUp,
  common: {
    readonly source: 'observation' | 'note';
    readonly id: string;
    readonly reasonLabel?: string;
    readonly urgencyLabel?: string;
    readonly requesterReference?: Reference;
    readonly authoredOn: string;
    readonly encounterRef?: string;
    readonly noteRef?: string;
  },
  names: NameDirectory,
): FollowUpRequest {
  const requester = common.requesterReference;
  const recipient = followUp.recipient?.reference
    ? { reference: followUp.recipient.reference, display: followUp.recipient.display }
    : undefined;
  return {
    source: common.source,
    id: common.id,
    reasonCode: followUp.reason,
    reason: followUpReasonCoding(followUp.reason).display ?? (common.reasonLabel || 'No reason given'),
    urgency: urgencyCoding(followUp.urgency).display ?? common.urgencyLabel ?? followUp.urgency,
    priority: followUp.urgency,
    ...requestPeople(names, requester, recipient),
    authoredOn: common.authoredOn,
    note: followUp.note ?? '',
    ...(common.encounterRef ? { encounterRef: common.encounterRef } : {}),
    ...(common.noteRef ? { noteRef: common.noteRef } : {}),
  };
}

function isFollowUpObservation(obs: Observation): boolean {
  const { system, code } = OBSERVATION_CODE.followUp;
  return codingsOf(obs.code).some((c) => c.system === system && c.code === code);
}

/** A follow-up Observation as a request. */
export function readFollowUpObservation(
  obs: Observation,
  names: NameDirectory = EMPTY_NAMES,
): FollowUpRequest | undefined {
  const id = textOf(obs.id);
  if (!id || !isFollowUpObservation(obs)) {
    return undefined;
  }
  const parts = emptyParts();
  addObservation(parts, obs, '', new Map());
  if (!parts.followUp) {
    return undefined;
  }
  const requesterReference = referenceOf(arrayOf(obs.performer)[0]);
  const encounterRef = referenceKey(referenceString(obs.encounter));
  return fromDraftFollowUp(
    parts.followUp,
    {
      source: 'observation',
      id: `Observation/${id}`,
      reasonLabel: parts.followUpLabels.reason,
      urgencyLabel: parts.followUpLabels.urgency,
      ...(requesterReference ? { requesterReference } : {}),
      authoredOn: textOf(obs.effectiveDateTime) ?? textOf(obs.issued) ?? '',
      ...(encounterRef?.startsWith('Encounter/') ? { encounterRef } : {}),
    },
    names,
  );
}

/** The follow-up a PeerBridge note carries in its text, as a request. */
export function readNoteFollowUp(
  note: PeerNote,
  names: NameDirectory = EMPTY_NAMES,
): FollowUpRequest | undefined {
  const followUp = note.draft.followUp;
  if (!followUp || !note.ref) {
    return undefined;
  }
  const encounterRef = note.encounters[0];
  const safety = safetyReasonsOf(note.draft.measures);
  return {
    ...fromDraftFollowUp(
      followUp,
      {
        source: 'note',
        id: note.ref,
        ...(note.authorReference
          ? { requesterReference: { reference: note.authorReference, display: note.author } }
          : {}),
        authoredOn: note.start,
        ...(encounterRef ? { encounterRef } : {}),
        noteRef: note.ref,
      },
      names,
    ),
    ...(note.authorReference ? {} : { requester: note.author }),
    ...(safety.length > 0 ? { safety } : {}),
  };
}

/**
 * A follow-up message PeerBridge sent (its identifier says so) as a request. The message names the
 * reason in words; a `reasonCode` in our system, where the writer adds one, lets it rank as a safety
 * concern.
 */
export function readFollowUpCommunication(
  message: Communication,
  names: NameDirectory = EMPTY_NAMES,
): FollowUpRequest | undefined {
  const id = textOf(message.id);
  if (!id || !resourceKeyOf(message.identifier)?.endsWith(MESSAGE_KEY_SUFFIX)) {
    return undefined;
  }
  const reasons: readonly unknown[] = arrayOf(message.reasonCode);
  const reasonCode =
    reasons.map((concept) => textOf(codingIn(concept, REASON_SYSTEM)?.code)).find((c) => c !== undefined) ??
    '';
  const priority = textOf(message.priority) ?? '';
  const requester = referenceOf(message.sender);
  const owner = referenceOf(arrayOf(message.recipient)[0]);
  const encounterRef = referenceKey(referenceString(message.encounter));
  const noteRef = referenceKey(referenceString(arrayOf(message.about)[0]));
  const payload: unknown = arrayOf(message.payload)[0];
  return {
    source: 'communication',
    id: `Communication/${id}`,
    reasonCode,
    reason:
      (reasonCode ? followUpReasonCoding(reasonCode).display : undefined) ??
      (conceptText(reasons[0]) || 'Follow-up message from peer support'),
    urgency: (priority ? urgencyCoding(priority).display : undefined) ?? priority,
    priority,
    ...requestPeople(names, requester, owner),
    authoredOn: textOf(message.sent) ?? '',
    note: (isRecord(payload) ? textOf(payload.contentString) : undefined) ?? '',
    ...(encounterRef?.startsWith('Encounter/') ? { encounterRef } : {}),
    ...(noteRef?.startsWith('DocumentReference/') ? { noteRef } : {}),
  };
}

export interface FollowUpSources {
  /** Open follow-up Tasks (the patient context's search). */
  readonly openTasks: readonly Task[];
  /** Every Task loaded with the history, whatever its status: a Task answers for its encounter. */
  readonly historyTasks: readonly Task[];
  readonly observations: readonly Observation[];
  readonly communications: readonly Communication[];
  /** The PeerBridge notes the timeline shows (visible-notes.ts: signed, not replaced). */
  readonly notes: readonly PeerNote[];
  /** The answers given in the note of an encounter, for a request that came as a Task or Observation. */
  readonly measuresOf?: (encounterRef: string) => readonly DraftMeasure[];
  readonly names?: NameDirectory;
  readonly now: Date;
}

/**
 * Every open request, each once, most pressing first. A request is written several ways on one save
 * (a Task and a follow-up Observation and the note); the Task stands for its encounter, then a
 * message for its encounter and note, then an Observation for its encounter; a note's own follow-up
 * shows only where none of these came for it.
 */
export function collectFollowUps(sources: FollowUpSources): FollowUpRequest[] {
  const names = sources.names ?? EMPTY_NAMES;
  const since = sources.now.getTime() - REQUESTS_WITHOUT_STATUS_DAYS * 86_400_000;
  const recent = (request: FollowUpRequest) => {
    const time = Date.parse(request.authoredOn);
    return !Number.isNaN(time) && time >= since;
  };
  const tasks = openFollowUps(sources.openTasks, names);
  const covered = new Set<string>();
  for (const task of [...sources.openTasks, ...sources.historyTasks]) {
    const focus = referenceKey(referenceString(task.focus));
    if (focus && isFollowUpTask(task)) {
      covered.add(focus);
    }
  }
  const isCovered = (request: FollowUpRequest) =>
    (request.encounterRef !== undefined && covered.has(request.encounterRef)) ||
    (request.noteRef !== undefined && covered.has(request.noteRef));
  const cover = (request: FollowUpRequest) => {
    for (const key of [request.encounterRef, request.noteRef]) {
      if (key) {
        covered.add(key);
      }
    }
  };

  const others: FollowUpRequest[] = [];
  const readers: readonly (() => (FollowUpRequest | undefined)[])[] = [
    () => sources.communications.map((c) => readFollowUpCommunication(c, names)),
    () => sources.observations.map((o) => readFollowUpObservation(o, names)),
    () => sources.notes.map((n) => readNoteFollowUp(n, names)),
  ];
  for (const read of readers) {
    const found = read().filter((r): r is FollowUpRequest => r !== undefined && recent(r) && !isCovered(r));
    // Within one kind every request counts (two notes may each ask); only a later kind is covered.
    found.forEach(cover);
    others.push(...found);
  }
  const seen = new Set<string>();
  const all = [...tasks, ...others].filter((request) => {
    if (seen.has(request.id)) {
      return false;
    }
    seen.add(request.id);
    return true;
  });
  return orderFollowUps(all.map((request) => withoutRepeatedSafety(withSafety(request, sources.measuresOf))));
}

/**
 * The form writes the safety reason as the first line of the follow-up's note (safety-follow-up.ts);
 * shown beside the same words from the answers it would be said twice, so the note keeps the rest.
 */
function withoutRepeatedSafety(request: FollowUpRequest): FollowUpRequest {
  if (!request.safety?.length || !request.note) {
    return request;
  }
  const note = peerWordsOf(request.note).trim();
  return note === request.note ? request : { ...request, note };
}

function withSafety(request: FollowUpRequest, measuresOf: FollowUpSources['measuresOf']): FollowUpRequest {
  if (request.safety || !request.encounterRef || !measuresOf) {
    return request;
  }
  const safety = safetyReasonsOf(measuresOf(request.encounterRef));
  return safety.length > 0 ? { ...request, safety } : request;
}
