import type { PeerEncounterDraft } from '../../domain/peer-encounter-draft';
import type { PeerEncounterView } from '../../domain/peer-encounter-view';
import { validateDraftForSave, type DraftProblem } from '../../domain/validate-draft';
import { sameContent } from '../../domain/writable-text';
import type { PeerNoteWriter } from '../../fhir/peer-note-writer';
import type { SaveKind } from '../../fhir/save-note-result';
import type { ParticipantNote } from './group-drafts';
import type { GroupProgress } from './save-status';

/**
 * Checks every participant's note before writing any, so none is refused part-way; the one problem
 * shown is the group summary, the only words of their notes typed here.
 */
export function participantProblems(
  others: readonly ParticipantNote[],
  kind: SaveKind,
  now: Date,
): readonly DraftProblem[] {
  const problems = others.flatMap((o) => validateDraftForSave(o.draft, kind, now));
  return problems.length > 0
    ? [
        {
          field: 'groupSummary',
          message: 'Write a few words about the group session: it goes into the other participants’ records.',
        },
      ]
    : [];
}

/** The other participants' notes of a group session, saved after the open chart's note. */
export interface ParticipantSaves {
  /** Saves each note not yet in the record as asked; the requests sent. */
  save(others: readonly ParticipantNote[], kind: SaveKind): Promise<number>;
  /** After a failure part-way: whose notes are in the record as asked, whose are not yet. */
  progress(
    openChartDraft: PeerEncounterDraft,
    others: readonly ParticipantNote[],
    openChartNote: PeerEncounterView | undefined,
  ): GroupProgress;
  /** Forgets what was saved: a new note, or another note opened. */
  clear(): void;
}

/** The record's copy of a note, when it holds exactly `draft` (so a retry writes nothing for it). */
function inRecordAs(view: PeerEncounterView | undefined, draft: PeerEncounterDraft) {
  return view && view.draft.id === draft.id && sameContent(view.draft, draft) ? view : undefined;
}

export function createParticipantSaves(writer: PeerNoteWriter): ParticipantSaves {
  /**
   * What each participant's note is in the record as, written by this save or an earlier attempt: a
   * retry after a failure part-way through a group passes these to the writer, which writes nothing
   * for a note already holding the same content, so only the rest are written.
   */
  const participantNotes = new Map<string, PeerEncounterView>();
  return {
    /**
     * One at a time, each idempotent on its own draft id; a note already in the record with the same
     * content is passed on as saved, so the writer skips it.
     */
    async save(others, kind) {
      let requests = 0;
      for (const { patientId, draft } of others) {
        const previous = participantNotes.get(patientId);
        const result = await writer.save(draft, kind, previous?.draft.id === draft.id ? previous : undefined);
        if (result.kind === 'invalid') {
          throw new Error('A participant’s note was refused after it had been checked.');
        }
        if (result.kind === 'kept') {
          // A draft this EHR takes no copy of: nothing of it is in the record for anyone.
          requests += result.requestCount;
          continue;
        }
        participantNotes.set(patientId, result.view);
        requests += result.requestCount;
      }
      return requests;
    },
    progress(openChartDraft, others, openChartNote) {
      const saved = others.filter((o) => inRecordAs(participantNotes.get(o.patientId), o.draft));
      return {
        openChartSaved: inRecordAs(openChartNote, openChartDraft) !== undefined,
        savedFor: saved.map((o) => o.patientId),
        notSavedFor: others.filter((o) => !saved.includes(o)).map((o) => o.patientId),
      };
    },
    clear() {
      participantNotes.clear();
    },
  };
}
