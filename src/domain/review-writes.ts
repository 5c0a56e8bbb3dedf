/**
 * What a supervisor's review writes, and whether this server will take it. A co-signature is one new
 * Provenance (profile peer-cosign-provenance); a return is one new Communication to the peer
 * (profile peer-note-return). Neither touches the note's own resources: a supervisor cannot change
 * the peer's words. Each carries a key (`review:<encounter id>:cosign|return:<revision>`), so a retry
 * finds what an earlier attempt wrote instead of writing it twice.
 */
import type { Communication, Provenance } from 'fhir/r4';
import { plainNoteText } from './clinical-note-text';
import { COSIGN, FOLLOW_UP_MESSAGE_CATEGORY, NOTE_RETURNED_CATEGORY, PROFILE } from './codes';
import { parseReference, referenceToId } from './references';
import { keyIdentifier, keyTag } from './resource-keys';
import type { ReviewNote } from './review-queue';
import { scopeAllows } from './scope-permissions';
import {
  supportsConditionalCreate,
  supportsInteraction,
  type ServerCapabilities,
} from './server-capabilities';

export interface Reviewer {
  /** `Practitioner/<id>` or `PractitionerRole/<id>` of the signed-in supervisor. */
  readonly reference: string;
  readonly display: string;
  /** `Organization/<id>` the supervisor works for. */
  readonly organization?: string;
}

export type ReviewAction = 'cosign' | 'return';

export const reviewKey = {
  cosign: (note: Pick<ReviewNote, 'encounterId' | 'revision'>): string =>
    `review:${note.encounterId}:cosign:${note.revision}`,
  return: (note: Pick<ReviewNote, 'encounterId' | 'revision'>): string =>
    `review:${note.encounterId}:return:${note.revision}`,
} as const;

export function buildCosignature(note: ReviewNote, reviewer: Reviewer, now: string): Provenance {
  return {
    resourceType: 'Provenance',
    meta: { profile: [PROFILE.cosign], tag: [keyTag(reviewKey.cosign(note))] },
    target: note.targets.map((reference) => ({ reference })),
    recorded: now,
    activity: { coding: [{ ...COSIGN.activity }] },
    agent: [
      {
        type: { coding: [{ ...COSIGN.agentType }] },
        who: { reference: reviewer.reference, display: reviewer.display },
        ...(reviewer.organization ? { onBehalfOf: { reference: reviewer.organization } } : {}),
      },
    ],
  };
}

/** Whether a comment has words to send: a return without one tells the peer nothing. */
export function hasComment(comment: string): boolean {
  return comment.trim() !== '';
}

export function buildNoteReturn(
  note: ReviewNote,
  reviewer: Reviewer,
  comment: string,
  now: string,
): Communication {
  const clinicalNote = note.targets.find((t) => parseReference(t)?.resourceType === 'DocumentReference');
  return {
    resourceType: 'Communication',
    meta: { profile: [PROFILE.noteReturn] },
    identifier: [keyIdentifier(reviewKey.return(note))],
    status: 'completed',
    category: [{ coding: [{ ...NOTE_RETURNED_CATEGORY }, { ...FOLLOW_UP_MESSAGE_CATEGORY }] }],
    subject: { reference: referenceToId('Patient', note.patientId) },
    encounter: { reference: note.encounterRef },
    ...(clinicalNote ? { about: [{ reference: clinicalNote }] } : {}),
    sent: now,
    recipient: [
      note.peer.display
        ? { reference: note.peer.reference ?? '', display: note.peer.display }
        : { reference: note.peer.reference ?? '' },
    ],
    sender: { reference: reviewer.reference, display: reviewer.display },
    payload: [{ contentString: plainNoteText(comment.trim()) }],
  };
}

/** Whether a return can be addressed: the note names its peer as a Practitioner or PractitionerRole. */
export function canAddressPeer(note: ReviewNote): boolean {
  const type = parseReference(note.peer.reference)?.resourceType;
  return type === 'Practitioner' || type === 'PractitionerRole';
}

const WRITTEN_TYPE: Readonly<Record<ReviewAction, 'Provenance' | 'Communication'>> = {
  cosign: 'Provenance',
  return: 'Communication',
};

export type ReviewWritePlan =
  | {
      readonly kind: 'write';
      readonly resourceType: 'Provenance' | 'Communication';
      readonly conditional: boolean;
    }
  | { readonly kind: 'refused'; readonly reason: 'scope' | 'server' | 'refused-earlier' };

/**
 * Writes only where the granted scopes and the CapabilityStatement allow (Epic lists Provenance as
 * read-only: shared/EHR-VENDORS.md), and never again where this server refused the same write this
 * session. A refusal is said in words, never shown as a co-signature.
 */
export function planReviewWrite(
  action: ReviewAction,
  capabilities: ServerCapabilities,
  grantedScope: string,
  refusedEarlier: boolean,
): ReviewWritePlan {
  const resourceType = WRITTEN_TYPE[action];
  if (!scopeAllows(grantedScope, resourceType, 'c')) {
    return { kind: 'refused', reason: 'scope' };
  }
  if (!supportsInteraction(capabilities, resourceType, 'create')) {
    return { kind: 'refused', reason: 'server' };
  }
  if (refusedEarlier) {
    return { kind: 'refused', reason: 'refused-earlier' };
  }
  return { kind: 'write', resourceType, conditional: supportsConditionalCreate(capabilities, resourceType) };
}

/** What to do where PeerBridge cannot write the review. */
export function reviewInstead(action: ReviewAction): string {
  return action === 'cosign'
    ? 'Co-sign the note in the EHR itself. Nothing was saved.'
    : 'Tell the peer in the EHR’s own messages what to change. Nothing was saved.';
}

/** What the supervisor reads when the write cannot be made, with what to do instead. */
export function describeReviewRefusal(
  action: ReviewAction,
  reason: 'scope' | 'server' | 'refused-earlier',
): string {
  const what = action === 'cosign' ? 'co-sign notes' : 'send a note back to its peer';
  const instead = reviewInstead(action);
  switch (reason) {
    case 'scope':
      return `PeerBridge was not given permission to ${what} here (it needs ${WRITTEN_TYPE[action]} create: ask IT to grant user/${WRITTEN_TYPE[action]}.c). ${instead}`;
    case 'server':
      return `This EHR does not let apps ${what} (it takes no ${WRITTEN_TYPE[action]} from apps). ${instead}`;
    case 'refused-earlier':
      return `This EHR refused to let PeerBridge ${what} earlier in this session. ${instead}`;
  }
}
