import type { Bundle } from 'fhir/r4';
import { amendTransaction, enteredInErrorTransaction } from '../domain/amendment';
import { noteOnlyView, noteVersion } from '../domain/clinical-note-view';
import type { TransactionContext } from '../domain/mapping-context';
import type { PeerEncounterDraft } from '../domain/peer-encounter-draft';
import type { PeerEncounterView } from '../domain/peer-encounter-view';
import { plannedSave, type PlannedSave, type SaveContext } from '../domain/planned-save';
import { sensitivityInProgram } from '../domain/program-config';
import { keptEntries, partOfEntry } from '../domain/structured-entries';
import { referenceTo } from '../domain/references';
import { validateDraftForSave } from '../domain/validate-draft';
import { sameContent } from '../domain/writable-text';
import { planWrites, STRUCTURED_PARTS, type WritePlan } from '../domain/write-plan';
import { describeSaveOutcome, type FollowUpOutcome } from '../domain/write-plan-words';
import { UnreadableResponseError } from './fhir-errors';
import type { NoteAuthor, NoteWriterDependencies } from './note-writer-dependencies';
import { markNoteEnteredInError, supersedeNote } from './note-status-writer';
import { retryOnceWhenBusy } from './retry-when-busy';
import { viewOfWriteReport } from './saved-note-view';
import { DRAFT_KEPT_IN_BROWSER, type SaveKind, type SaveNoteResult } from './save-note-result';
import type { ServerCapabilities } from './server-capabilities';
import type { FhirSession } from './smart-session';
import { changeStructured, type StructuredWriteContext } from './structured-record-change';
import { executeWritePlan, type WriteReport } from './write-plan-executor';
import { NoteRefusedError, NoteRetractionRefusedError } from './write-refusals';

/**
 * An amendment's transaction without QuestionnaireResponses where the plan writes none (the server
 * lists no create, or refused one this session): the totals then go without derivedFrom to a new one.
 */
function withPlannedResponses(bundle: Bundle, plan: WritePlan): Bundle {
  if (plan.structured.includes('questionnaire-responses')) {
    return bundle;
  }
  const entry = keptEntries(bundle.entry ?? [], (e) => partOfEntry(e) !== 'questionnaire-responses');
  return { ...bundle, entry };
}

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

  private structuredContext(): StructuredWriteContext {
    return { session: this.session, capabilities: this.deps.capabilities, sleep: this.deps.sleep };
  }

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
    const { view, requestCount } = await viewOfWriteReport(
      this.session,
      { draft: toSave, save, report, capabilities },
      this.context(),
    );
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
   * resource with If-Match; a conflict is settled as `changeStructured` describes.
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
      const bundle = withPlannedResponses(
        amendTransaction(toSave, saved.versions, reason, this.context(saved.nextRevision)),
        plan,
      );
      const result = await changeStructured(this.structuredContext(), bundle, saved, (current) =>
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
    const result = await changeStructured(
      this.structuredContext(),
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
