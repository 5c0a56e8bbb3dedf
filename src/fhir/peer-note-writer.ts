import type { Bundle, FhirResource } from 'fhir/r4';
import { amendTransaction, enteredInErrorTransaction } from '../domain/amendment';
import { noteOnlyView, noteVersion } from '../domain/clinical-note-view';
import type { TransactionAuthor, TransactionContext } from '../domain/mapping-context';
import type { PeerEncounterDraft } from '../domain/peer-encounter-draft';
import { resourcesToView, type PeerEncounterView } from '../domain/peer-encounter-view';
import { plannedSave, type PlannedSave, type SaveContext } from '../domain/planned-save';
import { sensitivityInProgram, type ProgramConfig } from '../domain/program-config';
import { validateDraftForSave, type DraftProblem } from '../domain/validate-draft';
import { sameContent } from '../domain/writable-text';
import { planWrites, STRUCTURED_PARTS, type WritePlan, type WritePlanSite } from '../domain/write-plan';
import { describeSaveOutcome, type FollowUpOutcome } from '../domain/write-plan-words';
import { UnreadableResponseError, VersionConflictError } from './fhir-errors';
import { markNoteEnteredInError, supersedeNote } from './note-status-writer';
import { readBack } from './read-back';
import { readCurrentResources } from './read-current-resources';
import { retryOnceWhenBusy } from './retry-when-busy';
import type { ServerCapabilities } from './server-capabilities';
import type { FhirSession } from './smart-session';
import { writeTransaction } from './transaction-writer';
import type { RefusalMemory, WriteLedger } from './write-ledger';
import { executeWritePlan, type WriteReport } from './write-plan-executor';
import { NoteRefusedError, NoteRetractionRefusedError } from './write-refusals';
import { referenceTo, referenceToId } from '../domain/references';

export interface NoteWriterDependencies {
  readonly now: () => Date;
  readonly newUuid: () => string;
  readonly capabilities: () => Promise<ServerCapabilities>;
  /** Waits before one automatic retry of a 429 or 503; injected so tests need no real time. */
  readonly sleep: (milliseconds: number) => Promise<void>;
  /**
   * The site's write options for this server (runtime config `clinicalNote`/`structuredRecord`);
   * DEFAULT_WRITE_PLAN_SITE until the runtime config carries them. The one seam to point at it.
   */
  readonly site: () => WritePlanSite;
  /** What each draft's saves sent and what landed (sessionLedger): a retry never re-posts. */
  readonly ledger: WriteLedger;
  /** Parts this server refused earlier in this browser session (sessionRefusals). */
  readonly refusals: RefusalMemory;
  /** The site's peer programme (runtime config `program`): modifiers and the programme's labels. */
  readonly program?: () => ProgramConfig | undefined;
}

export interface NoteAuthor extends TransactionAuthor {
  readonly organization?: string;
}

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

interface Planning {
  readonly plan: WritePlan;
  readonly capabilities: ServerCapabilities;
}

/**
 * Every save follows the write plan (src/domain/write-plan.ts, docs/decisions/0012): the clinical
 * note first wherever the server takes one, then the structured parts it accepts, then the follow-up
 * message. Idempotent on every server: conditional creates where listed, otherwise the session ledger
 * and a search before anything is sent again.
 */
export class PeerNoteWriter {
  constructor(
    private readonly session: FhirSession,
    private readonly author: NoteAuthor,
    private readonly deps: NoteWriterDependencies,
  ) {}

  private context(revision?: number): TransactionContext {
    const program = this.deps.program?.();
    return {
      ...(program ? { program } : {}),
      author: this.author,
      ...(this.author.organization ? { organization: this.author.organization } : {}),
      now: this.deps.now().toISOString(),
      newUuid: this.deps.newUuid,
      serverBase: this.session.context.serverUrl,
      ...(revision === undefined ? {} : { revision }),
    };
  }

  /** The launch encounter is the note's context only for the person whose chart is open. */
  private saveContext(draft: PeerEncounterDraft, revision?: number, replaces?: string): SaveContext {
    const { encounterId, patientId } = this.session.context;
    return {
      ...this.context(revision),
      ...(encounterId && patientId === draft.patientId ? { encounterId } : {}),
      ...(replaces ? { replaces } : {}),
    };
  }

  private async planning(): Promise<Planning> {
    const capabilities = await this.deps.capabilities();
    const plan = planWrites({
      capabilities,
      grantedScope: this.session.context.grantedScope,
      site: this.deps.site(),
      refused: this.deps.refusals.refused(),
    });
    return { plan, capabilities };
  }

  /** The plan a first save of a new note follows now: for the line shown before saving. */
  async currentPlan(): Promise<WritePlan> {
    return (await this.planning()).plan;
  }

  private execute(save: PlannedSave, capabilities: ServerCapabilities): Promise<WriteReport> {
    return retryOnceWhenBusy(this.deps.sleep, () =>
      executeWritePlan(this.session, save, {
        capabilities,
        ledger: this.deps.ledger,
        refusals: this.deps.refusals,
      }),
    );
  }

  /** One transaction of the structured record, retried once by itself when the server asks to wait. */
  private async write(bundle: Bundle): Promise<{ resources: FhirResource[]; requestCount: number }> {
    const capabilities = await this.deps.capabilities();
    const outcome = await retryOnceWhenBusy(this.deps.sleep, () =>
      writeTransaction(this.session, bundle, capabilities),
    );
    const back = await readBack(this.session, outcome.written, capabilities);
    return { resources: back.resources, requestCount: outcome.requestCount + back.requestCount };
  }

  private viewOf(resources: readonly FhirResource[]): PeerEncounterView {
    const view = resourcesToView(resources)[0];
    if (!view) {
      throw new UnreadableResponseError(200, 'the saved note could not be found in the answer');
    }
    return view;
  }

  /** The saved view: the structured record where its Encounter landed, else the note and the draft. */
  private async viewOfReport(
    draft: PeerEncounterDraft,
    save: PlannedSave,
    report: WriteReport,
    capabilities: ServerCapabilities,
  ): Promise<{ view: PeerEncounterView; requestCount: number }> {
    const note = save.note && report.note ? noteVersion(save.note, report.note) : undefined;
    const structured = report.written.filter((w) => w.resourceType !== 'Communication');
    if (structured.some((w) => w.resourceType === 'Encounter')) {
      const back = await readBack(this.session, structured, capabilities);
      const view = this.viewOf(back.resources);
      return { view: note ? { ...view, clinicalNote: note } : view, requestCount: back.requestCount };
    }
    const view =
      save.note && report.note ? noteOnlyView(draft, save.note, report.note, this.context()) : undefined;
    if (!view) {
      throw new UnreadableResponseError(200, 'the saved note could not be found in the answer');
    }
    return { view, requestCount: 0 };
  }

  /**
   * Saves the draft: a first save writes what the plan says, each part once however often it is
   * retried; a save of a note already in the record is a change (see `change`).
   */
  async save(draft: PeerEncounterDraft, kind: SaveKind, saved?: PeerEncounterView): Promise<SaveNoteResult> {
    // The programme's labels are the floor of every note of it (runtime config `program.part2`).
    const sensitivity = sensitivityInProgram(draft.sensitivity, this.deps.program?.());
    const toSave: PeerEncounterDraft = { ...draft, status: kind, sensitivity };
    const problems = validateDraftForSave(toSave, kind, this.deps.now());
    if (problems.length > 0) {
      return { kind: 'invalid', problems };
    }
    if (saved) {
      // Nothing changed since the last save (a double click, a retry): nothing to write.
      if (sameContent(saved.draft, toSave)) {
        return { kind: 'saved', view: saved, requestCount: 0 };
      }
      return this.change(toSave, saved, '');
    }
    return this.first(toSave);
  }

  private async first(toSave: PeerEncounterDraft, again = false): Promise<SaveNoteResult> {
    const { plan, capabilities } = await this.planning();
    const save = plannedSave(toSave, plan, this.saveContext(toSave));
    if (!save.note && !save.structured) {
      return { kind: 'kept', message: DRAFT_KEPT_IN_BROWSER, requestCount: 0 };
    }
    let report: WriteReport;
    try {
      report = await this.execute(save, capabilities);
    } catch (error) {
      // A server that refuses a preliminary note takes signed ones: plan again, once, without it.
      if (error instanceof NoteRefusedError && save.note?.docStatus === 'preliminary' && !again) {
        const retried = await this.first(toSave, true);
        return retried.kind === 'kept' ? { ...retried, requestCount: retried.requestCount + 1 } : retried;
      }
      throw error;
    }
    const landed = report.note || report.written.some((w) => w.resourceType === 'Encounter');
    if (!landed && toSave.status === 'draft') {
      // The structured parts a draft could go to were refused (Oracle's Encounter): kept here instead.
      return { kind: 'kept', message: DRAFT_KEPT_IN_BROWSER, requestCount: report.requestCount };
    }
    const { view, requestCount } = await this.viewOfReport(toSave, save, report, capabilities);
    const total = report.requestCount + requestCount;
    if (view.versions.length > 0 && !sameContent(view.draft, toSave)) {
      // An earlier attempt had written an older version of this draft: bring it up to date.
      const updated = await this.change(toSave, view, '');
      return updated.kind === 'saved' || updated.kind === 'kept'
        ? { ...updated, requestCount: updated.requestCount + total }
        : updated;
    }
    return { kind: 'saved', view, requestCount: total, outcome: report.message };
  }

  /**
   * Writes a change to a note already in the record: the next revision of the clinical note, which
   * `replaces` the earlier (marked superseded where the server lets PeerBridge update it), and, where
   * the structured record is in the record and the server takes transactions, a new version of each
   * resource with If-Match. On a conflict the structured record is read back: when it already holds
   * what was asked (an earlier attempt committed and its answer was lost), that is a save; otherwise
   * the VersionConflictError stands and nothing was overwritten.
   */
  private async change(
    toSave: PeerEncounterDraft,
    saved: PeerEncounterView,
    reason: string,
  ): Promise<SaveNoteResult> {
    const { plan, capabilities } = await this.planning();
    const structured =
      saved.versions.length > 0 && plan.method === 'transaction' && plan.structured.includes('encounter');
    const previous = saved.clinicalNote;
    const save = plannedSave(
      toSave,
      { ...plan, structured: [] },
      this.saveContext(toSave, saved.nextRevision, previous ? referenceTo(previous) : undefined),
    );
    let requestCount = 0;
    let report: WriteReport | undefined;
    if (save.note || save.followUpMessage) {
      report = await this.execute(save, capabilities);
      requestCount += report.requestCount;
    }
    let view: PeerEncounterView | undefined;
    if (structured) {
      const bundle = amendTransaction(toSave, saved.versions, reason, this.context(saved.nextRevision));
      const result = await this.changeStructured(bundle, saved, (current) =>
        sameContent(current.draft, toSave),
      );
      view = result.view;
      requestCount += result.requestCount;
    }
    const note = save.note && report?.note ? noteVersion(save.note, report.note) : undefined;
    if (view && note) {
      view = { ...view, clinicalNote: note };
    } else if (!view && save.note && report?.note) {
      view = noteOnlyView(toSave, save.note, report.note, this.context());
    }
    if (!view) {
      return toSave.status === 'draft'
        ? { kind: 'kept', message: DRAFT_KEPT_IN_BROWSER, requestCount }
        : this.unreadable();
    }
    if (previous && note && plan.noteUpdate) {
      requestCount += await supersedeNote(this.session, previous.resource, previous);
    }
    const followUp: FollowUpOutcome =
      structured && plan.followUp === 'task' && toSave.followUp ? 'task' : (report?.followUp ?? 'none');
    const onlyInNote = structured ? plan.onlyInNote : STRUCTURED_PARTS;
    const outcome = describeSaveOutcome({
      note: note !== undefined,
      refused: report?.refused ?? [],
      onlyInNote: note ? onlyInNote : [],
      followUp: followUp === 'none' && toSave.followUp && !structured ? 'not-sent' : followUp,
    });
    return { kind: 'saved', view, requestCount, outcome };
  }

  private unreadable(): never {
    throw new UnreadableResponseError(200, 'the saved note could not be found in the answer');
  }

  /** The structured part of a change, with the read-back on conflict described at `change`. */
  private async changeStructured(
    bundle: Bundle,
    saved: PeerEncounterView,
    done: (view: PeerEncounterView) => boolean,
  ): Promise<{ view: PeerEncounterView; requestCount: number }> {
    try {
      const result = await this.write(bundle);
      return { view: this.viewOf(result.resources), requestCount: result.requestCount };
    } catch (error) {
      if (!(error instanceof VersionConflictError)) {
        throw error;
      }
      const current = await this.readBackNote(bundle, saved);
      if (current && done(current.view)) {
        return { view: current.view, requestCount: current.requestCount + 1 };
      }
      throw error;
    }
  }

  /** The note as the server has it now: what `bundle` writes, read again, over the rest of `saved`. */
  private async readBackNote(
    bundle: Bundle,
    saved: PeerEncounterView,
  ): Promise<{ view: PeerEncounterView; requestCount: number } | undefined> {
    const capabilities = await this.deps.capabilities();
    const current = await readCurrentResources(this.session, bundle, capabilities);
    const reread = new Set(current.resources.map((r) => referenceToId(r.resourceType, r.id ?? '')));
    const unchanged = saved.resources.filter((r) => !reread.has(referenceToId(r.resourceType, r.id ?? '')));
    const encounterRef = saved.encounterId ? referenceToId('Encounter', saved.encounterId) : undefined;
    const view = resourcesToView([...current.resources, ...unchanged], encounterRef)[0];
    return view ? { view, requestCount: current.requestCount } : undefined;
  }

  /** Amends a note already in the record: the next revision of the note, and a Provenance saying why. */
  async update(draft: PeerEncounterDraft, saved: PeerEncounterView, reason: string): Promise<SaveNoteResult> {
    return this.change(draft, saved, reason);
  }

  /**
   * Marks a saved note entered in error, with the reason, keeping its history: the structured record
   * where it is in the record, and the clinical note where the server lets PeerBridge update it.
   */
  async markEnteredInError(saved: PeerEncounterView, reason: string): Promise<SaveNoteResult> {
    const { plan } = await this.planning();
    const note = saved.clinicalNote;
    if (saved.versions.length === 0) {
      if (!note || !plan.noteUpdate) {
        throw new NoteRetractionRefusedError();
      }
      const marked = await markNoteEnteredInError(this.session, note.resource, note);
      const view = noteOnlyView(saved.draft, marked.note, marked.written, this.context());
      return view ? { kind: 'saved', view, requestCount: marked.requestCount } : this.unreadable();
    }
    const bundle = enteredInErrorTransaction(saved, reason, this.context(saved.nextRevision));
    const result = await this.changeStructured(
      bundle,
      saved,
      (current) => current.recordStatus === 'entered-in-error',
    );
    let requestCount = result.requestCount;
    if (note && plan.noteUpdate) {
      try {
        requestCount += (await markNoteEnteredInError(this.session, note.resource, note)).requestCount;
      } catch (error) {
        if (!(error instanceof NoteRetractionRefusedError)) {
          throw error;
        }
      }
    }
    return { kind: 'saved', view: result.view, requestCount };
  }
}
