/**
 * A follow-up request as a Communication to the chosen practitioner, for servers where apps cannot
 * create a Task but can send a message (Oracle Health: Communication create to a Practitioner,
 * category notification; shared/EHR-VENDORS.md). It says what is asked and points at the note.
 */
import type { Communication } from 'fhir/r4';
import { FOLLOW_UP_MESSAGE_CATEGORY, messagePriorityOf } from './codes';
import { followUpReasonCoding, urgencyCoding } from './draft-codings';
import type { TransactionAuthor } from './mapping-context';
import type { PeerEncounterDraft } from './peer-encounter-draft';
import { parseReference, referenceTo, referenceToId } from './references';
import { keyIdentifier, resourceKey } from './resource-keys';
import { plainNoteText } from './clinical-note-text';

export interface FollowUpMessageContext {
  readonly author: TransactionAuthor;
  readonly now: string;
  readonly encounterId?: string;
  /** `DocumentReference/<id>` of the clinical note the request comes from, once it landed. */
  readonly note?: string;
}

/** Whether the draft's follow-up can go as a message: it names a Practitioner to send it to. */
export function hasMessageRecipient(draft: PeerEncounterDraft): boolean {
  return parseReference(draft.followUp?.recipient?.reference)?.resourceType === 'Practitioner';
}

/** The message; undefined when the draft has no follow-up or no Practitioner to send it to. */
export function buildFollowUpCommunication(
  draft: PeerEncounterDraft,
  context: FollowUpMessageContext,
): Communication | undefined {
  const followUp = draft.followUp;
  const recipient = parseReference(followUp?.recipient?.reference);
  if (!followUp || recipient?.resourceType !== 'Practitioner') {
    return undefined;
  }
  const reason = followUpReasonCoding(followUp.reason).display ?? followUp.reason;
  const urgency = urgencyCoding(followUp.urgency).display ?? followUp.urgency;
  const note = followUp.note?.trim() ? ` ${plainNoteText(followUp.note)}` : '';
  const priority = messagePriorityOf(followUp.urgency);
  return {
    resourceType: 'Communication',
    identifier: [keyIdentifier(resourceKey.followUpMessage(draft.id))],
    status: 'completed',
    category: [{ coding: [{ ...FOLLOW_UP_MESSAGE_CATEGORY }] }],
    ...(priority ? { priority } : {}),
    // The inbox's subject line (Oracle Health takes topic as free text only), so the clinician sees
    // what is asked, a safety concern above all, before opening the message.
    topic: { text: `Peer support follow-up: ${reason} (${urgency})` },
    subject: { reference: referenceToId('Patient', draft.patientId) },
    ...(context.encounterId
      ? { encounter: { reference: referenceToId('Encounter', context.encounterId) } }
      : {}),
    ...(context.note ? { about: [{ reference: context.note }] } : {}),
    sent: context.now,
    recipient: [{ reference: referenceTo(recipient) }],
    sender: context.author.display
      ? { reference: context.author.practitioner, display: context.author.display }
      : { reference: context.author.practitioner },
    payload: [
      {
        contentString: `Follow-up requested by peer support: ${reason} (${urgency}).${note} The peer support note of ${draft.start.slice(0, 10)} has the details.`,
      },
    ],
  };
}
