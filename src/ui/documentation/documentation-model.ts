import { computed, signal, type ReadonlySignal } from '@preact/signals';
import { emptyDraft, type PeerEncounterDraft } from '../../domain/peer-encounter-draft';
import type { PeerEncounterView } from '../../domain/peer-encounter-view';
import { validateDraftForSave, type DraftProblem } from '../../domain/validate-draft';
import { hasWritableText } from '../../domain/writable-text';
import { normalizeErrorMessage, SessionExpiredError, VersionConflictError } from '../../fhir/fhir-errors';
import type { PeerNoteWriter, SaveKind } from '../../fhir/peer-note-writer';
import type { DraftStore, WorkInProgress } from './draft-store';
import { participantDraft } from './group-drafts';

export type SaveAction = SaveKind | 'amend' | 'entered-in-error';

export type SaveStatus =
  | { readonly kind: 'idle' }
  | { readonly kind: 'saving'; readonly what: SaveAction }
  | {
      readonly kind: 'saved';
      readonly what: SaveAction;
      readonly requestCount: number;
      readonly participants: number;
    }
  | { readonly kind: 'invalid' }
  | {
      readonly kind: 'failed';
      readonly message: string;
      readonly sessionEnded: boolean;
      readonly conflict: boolean;
    };

export interface DocumentationModel {
  readonly draft: ReadonlySignal<PeerEncounterDraft>;
  readonly problems: ReadonlySignal<readonly DraftProblem[]>;
  readonly status: ReadonlySignal<SaveStatus>;
  /** The note as the server has it after the last save. */
  readonly saved: ReadonlySignal<PeerEncounterView | undefined>;
  /** Group sessions: other participants' patient ids. */
  readonly participants: ReadonlySignal<readonly string[]>;
  readonly groupSummary: ReadonlySignal<string>;
  /** False when the browser will not keep a copy of the draft (storage full or blocked). */
  readonly keptInBrowser: ReadonlySignal<boolean>;
  readonly busy: ReadonlySignal<boolean>;
  update(change: (draft: PeerEncounterDraft) => PeerEncounterDraft): void;
  toggleParticipant(patientId: string): void;
  setGroupSummary(text: string): void;
  save(kind: SaveKind): Promise<void>;
  amend(reason: string): Promise<void>;
  markEnteredInError(reason: string): Promise<void>;
  /** Starts a new, empty note for the same person (after a submitted one). */
  startNew(): void;
  /** Opens a note already in the record (e.g. a draft saved at another workstation). */
  open(view: PeerEncounterView): void;
}

export interface DocumentationDependencies {
  readonly patientId: string;
  readonly store: DraftStore;
  readonly writer: PeerNoteWriter;
  readonly now: () => Date;
  readonly newUuid: () => string;
}

function failure(error: unknown): SaveStatus {
  const conflict = error instanceof VersionConflictError;
  const message = conflict
    ? 'Someone changed this note in the record since you opened it, so PeerBridge did not overwrite it. Your words are still here: copy what you need, then reopen the note to see the latest version.'
    : `${normalizeErrorMessage(error)} Your note is kept in this tab; nothing was lost.`;
  return { kind: 'failed', message, sessionEnded: error instanceof SessionExpiredError, conflict };
}

export function createDocumentationModel(deps: DocumentationDependencies): DocumentationModel {
  const fresh = (): WorkInProgress => ({
    draft: emptyDraft(deps.newUuid(), deps.patientId, deps.now()),
    participants: {},
    groupSummary: '',
  });
  const work = signal<WorkInProgress>(deps.store.load() ?? fresh());
  const draft = computed(() => work.value.draft);
  const participants = computed(() =>
    draft.value.format === 'group' ? Object.keys(work.value.participants) : [],
  );
  const groupSummary = computed(() => work.value.groupSummary);
  const problems = signal<readonly DraftProblem[]>([]);
  const status = signal<SaveStatus>({ kind: 'idle' });
  const saved = signal<PeerEncounterView | undefined>(undefined);
  const keptInBrowser = signal(true);
  const busy = computed(() => status.value.kind === 'saving');

  function keep(next: WorkInProgress): void {
    work.value = next;
    keptInBrowser.value = deps.store.save(next);
    if (status.value.kind === 'saved' || status.value.kind === 'invalid') {
      status.value = { kind: 'idle' };
    }
  }

  async function run(what: SaveAction, task: () => Promise<void>): Promise<void> {
    // A second click while saving does nothing: the first save is already on its way.
    if (busy.value) {
      return;
    }
    status.value = { kind: 'saving', what };
    try {
      await task();
    } catch (error) {
      status.value = failure(error);
    }
  }

  function applySaved(view: PeerEncounterView, requestCount: number, what: SaveAction, others = 0): void {
    saved.value = view;
    problems.value = [];
    work.value = { ...work.value, draft: { ...work.value.draft, status: view.draft.status } };
    keptInBrowser.value = deps.store.save(work.value);
    status.value = { kind: 'saved', what, requestCount, participants: others };
  }

  /** The other participants' own notes: the shared facts and the group summary (or the note, if none). */
  function participantDrafts(kind: SaveKind): PeerEncounterDraft[] {
    const current = work.value;
    if (current.draft.format !== 'group') {
      return [];
    }
    const summary = hasWritableText(current.groupSummary) ? current.groupSummary : current.draft.narrative;
    return Object.entries(current.participants).map(([patientId, draftId]) =>
      participantDraft({ ...current.draft, status: kind }, { patientId, draftId }, summary),
    );
  }

  /** Saved after the open chart's note, each idempotent on its own draft id. */
  async function saveParticipants(drafts: readonly PeerEncounterDraft[], kind: SaveKind): Promise<number> {
    let requests = 0;
    for (const draft of drafts) {
      const result = await deps.writer.save(draft, kind);
      if (result.kind === 'invalid') {
        throw new Error('A participant’s note was refused after it had been checked.');
      }
      requests += result.requestCount;
    }
    return requests;
  }

  return {
    draft,
    problems,
    status,
    saved,
    participants,
    groupSummary,
    keptInBrowser,
    busy,
    update(change) {
      keep({ ...work.value, draft: change(work.value.draft) });
    },
    toggleParticipant(patientId) {
      const { [patientId]: existing, ...others } = work.value.participants;
      keep({ ...work.value, participants: existing ? others : { ...others, [patientId]: deps.newUuid() } });
    },
    setGroupSummary(text) {
      keep({ ...work.value, groupSummary: text });
    },
    save(kind) {
      return run(kind, async () => {
        // Check every participant's note before writing any, so a group is saved whole or not at all.
        const others = participantDrafts(kind);
        const participantProblems = others.flatMap((draft) => validateDraftForSave(draft, kind, deps.now()));
        if (participantProblems.length > 0) {
          problems.value = [
            {
              field: 'groupSummary',
              message:
                'Write a few words about the group session: it goes into the other participants’ records.',
            },
          ];
          status.value = { kind: 'invalid' };
          return;
        }
        const result = await deps.writer.save(work.value.draft, kind, saved.value);
        if (result.kind === 'invalid') {
          problems.value = result.problems;
          status.value = { kind: 'invalid' };
          return;
        }
        const otherRequests = await saveParticipants(others, kind);
        applySaved(result.view, result.requestCount + otherRequests, kind, others.length);
      });
    },
    amend(reason) {
      return run('amend', async () => {
        const current = saved.value;
        if (!current) {
          return;
        }
        const result = await deps.writer.update({ ...work.value.draft, status: 'final' }, current, reason);
        if (result.kind === 'saved') {
          applySaved(result.view, result.requestCount, 'amend');
        }
      });
    },
    markEnteredInError(reason) {
      return run('entered-in-error', async () => {
        const current = saved.value;
        if (!current) {
          return;
        }
        const result = await deps.writer.markEnteredInError(current, reason);
        if (result.kind === 'saved') {
          applySaved(result.view, result.requestCount, 'entered-in-error');
        }
      });
    },
    startNew() {
      saved.value = undefined;
      problems.value = [];
      status.value = { kind: 'idle' };
      keep(fresh());
    },
    open(view) {
      saved.value = view;
      problems.value = [];
      status.value = { kind: 'idle' };
      keep({ draft: view.draft, participants: {}, groupSummary: '' });
    },
  };
}
