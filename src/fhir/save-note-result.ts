import type { DraftProblem } from '../domain/validate-draft';
import type { PeerEncounterView } from '../domain/peer-encounter-view';

export type SaveKind = 'draft' | 'final';

export type SaveNoteResult =
  | { readonly kind: 'invalid'; readonly problems: readonly DraftProblem[] }
  | {
      readonly kind: 'saved';
      readonly view: PeerEncounterView;
      readonly requestCount: number;
      /** What landed and what stays only in the note, in plain words (describeSaveOutcome). */
      readonly outcome?: string;
    }
  /** A draft this server takes no copy of (only signed notes): it stays in this browser until signed. */
  | { readonly kind: 'kept'; readonly message: string; readonly requestCount: number };

/** The draft-save answer where the EHR takes only signed notes from apps. */
export const DRAFT_KEPT_IN_BROWSER =
  'This EHR takes only signed notes from apps, so your draft is kept in this browser (not in the EHR) until you sign it.';
