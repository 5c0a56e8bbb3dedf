/**
 * Reads a peer's follow-up request from each way it can reach the record: a follow-up Observation, the
 * clinical note's own follow-up, or a Communication to the clinician's inbox (a Task is read by
 * follow-up-requests.ts). Total over server data: what is not a PeerBridge request reads as undefined.
 */
import type { Communication, Observation, Reference } from 'fhir/r4';
import { OBSERVATION_CODE } from './codes';
import { followUpReasonCoding, urgencyCoding } from './draft-codings';
import { codingIn, codingsOf, conceptText, referenceOf, referenceString } from './fhir-read';
import { requestPeople, type FollowUpRequest } from './follow-up-requests';
import { arrayOf, isRecord, textOf } from './guards';
import type { PeerNote } from './patient-notes';
import type { DraftFollowUp, DraftMeasure } from './peer-encounter-draft';
import { EMPTY_NAMES, type NameDirectory } from './person-names';
import { referenceKey } from './references';
import { resourceKey, resourceKeyOf } from './resource-keys';
import { safetyAnswersIn } from './safety-follow-up';
import { addObservation, emptyParts } from './view-observations';

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
