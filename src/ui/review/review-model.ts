/**
 * The supervisor's review screen as state: the queue, the note opened from it (read-only), and the
 * one review action in flight. A co-signature or return that fails leaves the note open with the
 * reason; pressing the button again is safe, because the writer finds an earlier attempt first.
 */
import { computed, signal, type ReadonlySignal } from '@preact/signals';
import { formatDate } from '../../domain/format';
import type { PeerEncounterView } from '../../domain/peer-encounter-view';
import type { ReviewNote } from '../../domain/review-queue';
import { hasComment, type ReviewAction } from '../../domain/review-writes';
import { normalizeErrorMessage } from '../../fhir/fhir-errors';
import { ReviewRefusedError, type ReviewWriteResult } from '../../fhir/note-review-writer';
import type { ReviewQueue } from '../../fhir/review-queue-query';

export interface ReviewDataSource {
  readonly loadQueue: () => Promise<ReviewQueue>;
  readonly loadNote: (note: ReviewNote) => Promise<PeerEncounterView | undefined>;
  readonly cosign: (note: ReviewNote) => Promise<ReviewWriteResult>;
  readonly returnNote: (note: ReviewNote, comment: string) => Promise<ReviewWriteResult>;
}

export type QueueLoad =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready' }
  | { readonly kind: 'failed'; readonly message: string };

export type OpenedNote =
  | { readonly kind: 'loading'; readonly note: ReviewNote }
  | { readonly kind: 'ready'; readonly note: ReviewNote; readonly view: PeerEncounterView }
  | { readonly kind: 'failed'; readonly note: ReviewNote; readonly message: string };

export type ReviewStatus =
  | { readonly kind: 'idle' }
  | { readonly kind: 'saving'; readonly action: ReviewAction }
  | {
      readonly kind: 'failed';
      readonly action: ReviewAction;
      readonly message: string;
      /** The EHR will not take it: trying again will not help (the message says what to do). */
      readonly refused?: true;
    };

export interface ReviewModel {
  readonly load: ReadonlySignal<QueueLoad>;
  readonly notes: ReadonlySignal<readonly ReviewNote[]>;
  /** False when the team had more notes than PeerBridge reads at once. */
  readonly complete: ReadonlySignal<boolean>;
  readonly opened: ReadonlySignal<OpenedNote | undefined>;
  readonly status: ReadonlySignal<ReviewStatus>;
  readonly comment: ReadonlySignal<string>;
  /** What the last finished review did, for the status line. */
  readonly announcement: ReadonlySignal<string>;
  readonly busy: ReadonlySignal<boolean>;
  readonly canReturn: ReadonlySignal<boolean>;
  reload(): Promise<void>;
  open(note: ReviewNote): Promise<void>;
  close(): void;
  setComment(text: string): void;
  cosign(): Promise<void>;
  returnWithComment(): Promise<void>;
}

/** "Maria Santos’s note of Mar 2, 2026", for the status line. */
export function noteName(note: ReviewNote): string {
  return `${note.personName}’s note of ${formatDate(note.start)}`;
}

export function createReviewModel(source: ReviewDataSource): ReviewModel {
  const load = signal<QueueLoad>({ kind: 'loading' });
  const notes = signal<readonly ReviewNote[]>([]);
  const complete = signal(true);
  const opened = signal<OpenedNote | undefined>(undefined);
  const status = signal<ReviewStatus>({ kind: 'idle' });
  const comment = signal('');
  const announcement = signal('');
  const busy = computed(() => status.value.kind === 'saving');
  const canReturn = computed(() => !busy.value && hasComment(comment.value));
  /** Whether this note is still the one open: a slow read must not replace a note opened since. */
  const stillOpen = (note: ReviewNote): boolean => opened.peek()?.note === note;

  async function review(action: ReviewAction, write: (note: ReviewNote) => Promise<ReviewWriteResult>) {
    const current = opened.value;
    if (!current || busy.value) {
      return;
    }
    status.value = { kind: 'saving', action };
    try {
      await write(current.note);
      notes.value = notes.value.filter((n) => n.encounterId !== current.note.encounterId);
      opened.value = undefined;
      comment.value = '';
      status.value = { kind: 'idle' };
      announcement.value =
        action === 'cosign'
          ? `Co-signed ${noteName(current.note)}.`
          : `Returned ${noteName(current.note)} to ${current.note.peer.display || 'the peer'} with your comment.`;
    } catch (error) {
      status.value =
        error instanceof ReviewRefusedError
          ? { kind: 'failed', action, message: error.message, refused: true }
          : { kind: 'failed', action, message: normalizeErrorMessage(error) };
    }
  }

  return {
    load,
    notes,
    complete,
    opened,
    status,
    comment,
    announcement,
    busy,
    canReturn,
    async reload() {
      load.value = { kind: 'loading' };
      try {
        const queue = await source.loadQueue();
        notes.value = queue.notes;
        complete.value = queue.complete;
        load.value = { kind: 'ready' };
      } catch (error) {
        load.value = { kind: 'failed', message: normalizeErrorMessage(error) };
      }
    },
    async open(note) {
      if (busy.value) {
        return;
      }
      opened.value = { kind: 'loading', note };
      status.value = { kind: 'idle' };
      comment.value = '';
      announcement.value = '';
      try {
        const view = await source.loadNote(note);
        if (!stillOpen(note)) {
          return;
        }
        opened.value = view
          ? { kind: 'ready', note, view }
          : { kind: 'failed', note, message: 'That note could not be found in the record any more.' };
      } catch (error) {
        if (stillOpen(note)) {
          opened.value = { kind: 'failed', note, message: normalizeErrorMessage(error) };
        }
      }
    },
    close() {
      if (!busy.value) {
        opened.value = undefined;
        status.value = { kind: 'idle' };
      }
    },
    setComment(text) {
      comment.value = text;
    },
    cosign: () => review('cosign', (note) => source.cosign(note)),
    async returnWithComment() {
      if (!hasComment(comment.value)) {
        status.value = {
          kind: 'failed',
          action: 'return',
          message: 'Write what the peer should change before returning the note.',
        };
        return;
      }
      const text = comment.value;
      await review('return', (note) => source.returnNote(note, text));
    },
  };
}
