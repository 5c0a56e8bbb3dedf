/**
 * The resources one save writes under a write plan: the clinical note (for a draft only where the
 * plan allows preliminary notes), the structured record as the domain core writes it, and the
 * follow-up message. Pure: the executor in src/fhir sends them.
 */
import type { Bundle, Communication, DocumentReference } from 'fhir/r4';
import { buildClinicalNote } from './clinical-note';
import { draftToTransaction, type TransactionContext } from './draft-to-transaction';
import { buildFollowUpCommunication } from './follow-up-communication';
import type { PeerEncounterDraft } from './peer-encounter-draft';
import { sensitivityInProgram } from './program-config';
import type { WritePlan } from './write-plan';
import { FOLLOW_UP_NOT_SENT_IN_NOTE } from './write-plan-words';

export interface PlannedSave {
  readonly plan: WritePlan;
  readonly draft: PeerEncounterDraft;
  /** The clinical note, when the plan writes one for this save. */
  readonly note?: DocumentReference;
  /** The structured record (draftToTransaction); the executor keeps the plan's parts of it. */
  readonly structured?: Bundle;
  /** The follow-up message, given the note it points at (plan route `communication`). */
  readonly followUpMessage?: (noteReference: string | undefined) => Communication | undefined;
}

export interface SaveContext extends TransactionContext {
  /** The encounter the EHR launched PeerBridge in. */
  readonly encounterId?: string;
  /** `DocumentReference/<id>` of the note this save's note replaces (an amendment). */
  readonly replaces?: string;
}

/** What `draft` writes under `plan`; the caller has validated the draft. */
export function plannedSave(chosen: PeerEncounterDraft, plan: WritePlan, context: SaveContext): PlannedSave {
  // A Part 2 programme's labels are on every note of it, the readable note included.
  const draft: PeerEncounterDraft = {
    ...chosen,
    sensitivity: sensitivityInProgram(chosen.sensitivity, context.program),
  };
  const writesNote = plan.note && (draft.status === 'final' || plan.noteForDrafts);
  const followUpSent =
    plan.followUp === 'note-only' && draft.followUp ? FOLLOW_UP_NOT_SENT_IN_NOTE : undefined;
  const note = writesNote
    ? buildClinicalNote(draft, {
        author: context.author,
        now: context.now,
        noteType: plan.noteType,
        ...(context.encounterId ? { encounterId: context.encounterId } : {}),
        ...(context.revision ? { revision: context.revision } : {}),
        ...(context.replaces ? { replaces: context.replaces } : {}),
        ...(followUpSent ? { text: { followUpSent } } : {}),
      })
    : undefined;
  const base = {
    author: context.author,
    now: context.now,
    ...(context.encounterId ? { encounterId: context.encounterId } : {}),
  };
  return {
    plan,
    draft,
    ...(note ? { note } : {}),
    ...(plan.structured.length > 0 ? { structured: draftToTransaction(draft, context) } : {}),
    ...(plan.followUp === 'communication'
      ? {
          followUpMessage: (noteReference: string | undefined) =>
            buildFollowUpCommunication(draft, { ...base, ...(noteReference ? { note: noteReference } : {}) }),
        }
      : {}),
  };
}
