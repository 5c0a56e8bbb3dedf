import { computed, signal, type ReadonlySignal } from '@preact/signals';
import { emptyDraft, type PeerEncounterDraft } from '../../domain/peer-encounter-draft';
import type { PeerEncounterView } from '../../domain/peer-encounter-view';
import type { ProgramConfig } from '../../domain/program-config';
import { applySafetyFollowUp } from '../../domain/safety-follow-up';
import type { DraftProblem } from '../../domain/validate-draft';
import type { WritePlan } from '../../domain/write-plan';
import type { PeerNoteWriter } from '../../fhir/peer-note-writer';
import type { SaveKind } from '../../fhir/save-note-result';
import type { DraftStore, WorkInProgress } from './draft-store';
import { participantNotesOf } from './group-drafts';
import { createCurrentPlan } from './current-plan';
import { createParticipantSaves, participantProblems } from './participant-saves';
import { failure } from './save-failure';
import type { SaveAction, SaveStatus } from './save-status';
import { hasUnsavedChanges } from './unsaved-changes';

export interface DocumentationModel {
  readonly draft: ReadonlySignal<PeerEncounterDraft>;
  readonly problems: ReadonlySignal<readonly DraftProblem[]>;
  readonly status: ReadonlySignal<SaveStatus>;
  /** The note as the server has it after the last save. */
  readonly saved: ReadonlySignal<PeerEncounterView | undefined>;
  /** Group sessions: other participants' patient ids. */
  readonly participants: ReadonlySignal<readonly string[]>;
  readonly groupSummary: ReadonlySignal<string>;
  /**
   * Something on screen is not in the record: words typed while a save was on its way (they are kept,
   * and the next save writes them), or a note never saved. Decided by content, as the writer decides
   * whether a save has anything to write, never by the save status.
   */
  readonly unsavedChanges: ReadonlySignal<boolean>;
  /** False when the browser will not keep a copy of the draft (storage full or blocked). */
  readonly keptInBrowser: ReadonlySignal<boolean>;
  readonly busy: ReadonlySignal<boolean>;
  /** What the last save wrote: what landed and what stays only in the note, in plain words. */
  readonly outcome: ReadonlySignal<string | undefined>;
  /** What a save writes to this EHR (the write plan), once known; it changes after a refusal. */
  readonly plan: ReadonlySignal<WritePlan | undefined>;
  /** The site's peer programme (runtime config): a Part 2 programme labels every note. */
  readonly program?: ProgramConfig;
  /** The site's crisis protocol (runtime config), shown with the 988 Lifeline at a safety answer. */
  readonly crisisProtocol?: string;
  /** Every change goes through the safety follow-up rule (safety-follow-up.ts) before it is kept. */
  update(change: (draft: PeerEncounterDraft) => PeerEncounterDraft): void;
  toggleParticipant(patientId: string): void;
  setGroupSummary(text: string): void;
  save(kind: SaveKind): Promise<void>;
  amend(reason: string): Promise<void>;
  markEnteredInError(reason: string): Promise<void>;
  /** Starts a new, empty note for the same person; ask first when `unsavedChanges`. */
  startNew(): void;
  /** Opens a note already in the record (e.g. a draft saved at another workstation); ask first when `unsavedChanges`. */
  open(view: PeerEncounterView): void;
}

export interface DocumentationDependencies {
  readonly patientId: string;
  readonly store: DraftStore;
  readonly writer: PeerNoteWriter;
  readonly now: () => Date;
  readonly newUuid: () => string;
  readonly program?: ProgramConfig;
  readonly crisisProtocol?: string;
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
  const outcome = signal<string | undefined>(undefined);
  const { plan, refresh: refreshPlan } = createCurrentPlan(deps.writer);
  /** The work as the record holds it after the last whole save (or as opened); none for a new note. */
  const inRecord = signal<WorkInProgress | undefined>(undefined);
  /** The open chart's note as the record holds it, written by this save or an earlier attempt. */
  let openChartNote: PeerEncounterView | undefined;
  const group = createParticipantSaves(deps.writer);
  const unsavedChanges = computed(() =>
    hasUnsavedChanges(work.value, inRecord.value, (id, start) => ({
      ...emptyDraft(id, deps.patientId, deps.now()),
      start,
    })),
  );
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
    refreshPlan();
  }

  /**
   * `sent` is the work as the save wrote it: words typed while the save was on its way stay in the
   * draft (only the status follows the record) and show as changes since saving.
   */
  function applySaved(
    view: PeerEncounterView,
    sent: WorkInProgress,
    requestCount: number,
    what: SaveAction,
    others = 0,
    written?: string,
  ): void {
    saved.value = view;
    outcome.value = written;
    openChartNote = view;
    inRecord.value = { ...sent, draft: { ...sent.draft, status: view.draft.status } };
    problems.value = [];
    work.value = { ...work.value, draft: { ...work.value.draft, status: view.draft.status } };
    keptInBrowser.value = deps.store.save(work.value);
    status.value = {
      kind: 'saved',
      what,
      requestCount,
      participants: others,
      ...(written ? { outcome: written } : {}),
    };
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
    plan,
    outcome,
    unsavedChanges,
    ...(deps.program ? { program: deps.program } : {}),
    ...(deps.crisisProtocol ? { crisisProtocol: deps.crisisProtocol } : {}),
    update(change) {
      const { followUpBeforeSafety, ...current } = work.value;
      const { draft: next, before } = applySafetyFollowUp(change(current.draft), followUpBeforeSafety);
      keep({ ...current, draft: next, ...(before ? { followUpBeforeSafety: before } : {}) });
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
        // What this save writes: typing goes on while it is on its way, into `work`, not into this.
        const sent = work.value;
        const others = participantNotesOf(sent, kind);
        const groupProblems = participantProblems(others, kind, deps.now());
        if (groupProblems.length > 0) {
          problems.value = groupProblems;
          status.value = { kind: 'invalid' };
          return;
        }
        try {
          const result = await deps.writer.save(sent.draft, kind, openChartNote);
          if (result.kind === 'invalid') {
            problems.value = result.problems;
            status.value = { kind: 'invalid' };
            return;
          }
          if (result.kind === 'kept') {
            await group.save(others, kind);
            status.value = { kind: 'kept', message: result.message };
            return;
          }
          openChartNote = result.view;
          const otherRequests = await group.save(others, kind);
          applySaved(
            result.view,
            sent,
            result.requestCount + otherRequests,
            kind,
            others.length,
            result.outcome,
          );
        } catch (error) {
          status.value = failure(
            error,
            others.length > 0
              ? group.progress({ ...sent.draft, status: kind }, others, openChartNote)
              : undefined,
          );
        }
      });
    },
    amend(reason) {
      return run('amend', async () => {
        const current = saved.value;
        if (!current) {
          return;
        }
        const sent = work.value;
        const result = await deps.writer.update({ ...sent.draft, status: 'final' }, current, reason);
        if (result.kind === 'saved') {
          applySaved(result.view, sent, result.requestCount, 'amend', 0, result.outcome);
        }
      });
    },
    markEnteredInError(reason) {
      return run('entered-in-error', async () => {
        const current = saved.value;
        if (!current) {
          return;
        }
        const sent = inRecord.value ?? work.value;
        const result = await deps.writer.markEnteredInError(current, reason);
        if (result.kind === 'saved') {
          applySaved(result.view, sent, result.requestCount, 'entered-in-error');
        }
      });
    },
    startNew() {
      saved.value = undefined;
      outcome.value = undefined;
      openChartNote = undefined;
      group.clear();
      inRecord.value = undefined;
      problems.value = [];
      status.value = { kind: 'idle' };
      keep(fresh());
    },
    open(view) {
      const opened: WorkInProgress = { draft: view.draft, participants: {}, groupSummary: '' };
      saved.value = view;
      outcome.value = undefined;
      openChartNote = view;
      group.clear();
      inRecord.value = opened;
      problems.value = [];
      status.value = { kind: 'idle' };
      keep(opened);
    },
  };
}
