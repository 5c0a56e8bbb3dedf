import type { SaveKind } from '../../fhir/save-note-result';

export type SaveAction = SaveKind | 'amend' | 'entered-in-error';

export type SaveStatus =
  | { readonly kind: 'idle' }
  | { readonly kind: 'saving'; readonly what: SaveAction }
  | {
      readonly kind: 'saved';
      readonly what: SaveAction;
      readonly requestCount: number;
      readonly participants: number;
      /** What landed and what stays only in the note (describeSaveOutcome), for this person's note. */
      readonly outcome?: string;
    }
  /** A draft the EHR takes no copy of: kept in this browser until it is signed. */
  | { readonly kind: 'kept'; readonly message: string }
  | { readonly kind: 'invalid' }
  | {
      readonly kind: 'failed';
      readonly message: string;
      readonly sessionEnded: boolean;
      readonly conflict: boolean;
      /** A group save that failed part-way: whose notes are in the record as asked, whose are not yet. */
      readonly group?: GroupProgress;
    };

export interface GroupProgress {
  /** The note of the person whose chart is open. */
  readonly openChartSaved: boolean;
  /** Other participants' patient ids, in the order they were chosen. */
  readonly savedFor: readonly string[];
  readonly notSavedFor: readonly string[];
}
