import type { Bundle, FhirResource } from 'fhir/r4';
import { amendTransaction, enteredInErrorTransaction } from '../domain/amendment';
import { draftToTransaction } from '../domain/draft-to-transaction';
import type { TransactionAuthor, TransactionContext } from '../domain/mapping-context';
import type { PeerEncounterDraft } from '../domain/peer-encounter-draft';
import { resourcesToView, type PeerEncounterView } from '../domain/peer-encounter-view';
import { validateDraftForSave, type DraftProblem } from '../domain/validate-draft';
import { sameContent } from '../domain/writable-text';
import { FhirHttpError, UnreadableResponseError, VersionConflictError } from './fhir-errors';
import { entryError } from './response-reading';
import type { ServerCapabilities } from './server-capabilities';
import type { FhirSession } from './smart-session';
import { readCurrentResources, writeTransaction, type WrittenResource } from './transaction-writer';

export interface NoteWriterDependencies {
  readonly now: () => Date;
  readonly newUuid: () => string;
  readonly capabilities: () => Promise<ServerCapabilities>;
  /** Waits before one automatic retry of a 429 or 503; injected so tests need no real time. */
  readonly sleep: (milliseconds: number) => Promise<void>;
}

export interface NoteAuthor extends TransactionAuthor {
  readonly organization?: string;
}

export type SaveKind = 'draft' | 'final';

export type SaveNoteResult =
  | { readonly kind: 'invalid'; readonly problems: readonly DraftProblem[] }
  | { readonly kind: 'saved'; readonly view: PeerEncounterView; readonly requestCount: number };

/** The longest Retry-After PeerBridge waits by itself; longer, and the person decides. */
const MAX_AUTOMATIC_WAIT_SECONDS = 10;

function isResource(value: unknown): value is FhirResource {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { resourceType?: unknown }).resourceType === 'string'
  );
}

/** The server's copy of what was written: from the write's answer, or one batch read where it sent none. */
async function readBack(
  session: FhirSession,
  written: readonly WrittenResource[],
): Promise<{ resources: FhirResource[]; requestCount: number }> {
  const missing = written.filter((w) => !w.resource);
  if (missing.length === 0) {
    return { resources: written.flatMap((w) => (w.resource ? [w.resource] : [])), requestCount: 0 };
  }
  const response = await session.request('', {
    method: 'POST',
    body: {
      resourceType: 'Bundle',
      type: 'batch',
      entry: missing.map((w) => ({ request: { method: 'GET', url: `${w.resourceType}/${w.id}` } })),
    } satisfies Bundle,
  });
  const answers = (response.body as Bundle | undefined)?.entry ?? [];
  const fetched = answers.flatMap((entry) => {
    const failed = entryError(entry);
    if (failed) {
      throw failed;
    }
    return isResource(entry.resource) ? [entry.resource] : [];
  });
  return {
    resources: [...written.flatMap((w) => (w.resource ? [w.resource] : [])), ...fetched],
    requestCount: 1,
  };
}

export class PeerNoteWriter {
  constructor(
    private readonly session: FhirSession,
    private readonly author: NoteAuthor,
    private readonly deps: NoteWriterDependencies,
  ) {}

  private context(revision?: number): TransactionContext {
    return {
      author: this.author,
      ...(this.author.organization ? { organization: this.author.organization } : {}),
      now: this.deps.now().toISOString(),
      newUuid: this.deps.newUuid,
      serverBase: this.session.context.serverUrl,
      ...(revision === undefined ? {} : { revision }),
    };
  }

  /** One write, retried once by itself when the server asks to wait a little (429/503 Retry-After). */
  private async write(bundle: Bundle): Promise<{ resources: FhirResource[]; requestCount: number }> {
    const capabilities = await this.deps.capabilities();
    let outcome;
    try {
      outcome = await writeTransaction(this.session, bundle, capabilities);
    } catch (error) {
      const wait = error instanceof FhirHttpError ? error.retryAfterSeconds : undefined;
      const busy = error instanceof FhirHttpError && (error.status === 429 || error.status === 503);
      if (!busy || wait === undefined || wait > MAX_AUTOMATIC_WAIT_SECONDS) {
        throw error;
      }
      await this.deps.sleep(wait * 1000);
      outcome = await writeTransaction(this.session, bundle, capabilities);
    }
    const back = await readBack(this.session, outcome.written);
    return { resources: back.resources, requestCount: outcome.requestCount + back.requestCount };
  }

  private viewOf(resources: readonly FhirResource[]): PeerEncounterView {
    const view = resourcesToView(resources)[0];
    if (!view) {
      throw new UnreadableResponseError(200, 'the saved note could not be found in the answer');
    }
    return view;
  }

  /**
   * Saves the draft: a first save creates (every entry conditional on the draft's keys, so a retry
   * after a lost answer finds what the first attempt wrote); a save of a note already in the record
   * updates it with If-Match, so someone else's change is reported (VersionConflictError), never
   * overwritten.
   */
  async save(draft: PeerEncounterDraft, kind: SaveKind, saved?: PeerEncounterView): Promise<SaveNoteResult> {
    const toSave: PeerEncounterDraft = { ...draft, status: kind };
    const problems = validateDraftForSave(toSave, kind, this.deps.now());
    if (problems.length > 0) {
      return { kind: 'invalid', problems };
    }
    if (saved) {
      // Nothing changed since the last save (a double click, a retry): nothing to write.
      if (sameContent(saved.draft, toSave)) {
        return { kind: 'saved', view: saved, requestCount: 0 };
      }
      return this.update(toSave, saved, '');
    }
    const first = await this.write(draftToTransaction(toSave, this.context()));
    const view = this.viewOf(first.resources);
    if (sameContent(view.draft, toSave)) {
      return { kind: 'saved', view, requestCount: first.requestCount };
    }
    // An earlier attempt had written an older version of this draft: bring it up to date.
    const updated = await this.update(toSave, view, '');
    return updated.kind === 'saved'
      ? { ...updated, requestCount: updated.requestCount + first.requestCount }
      : updated;
  }

  /**
   * Writes a change to a note already in the record (If-Match on every resource). On a conflict the
   * note is read back: when the record already holds what was asked (an earlier attempt committed and
   * its answer was lost, so the retry's If-Match names a version that is gone), that is a save, not a
   * conflict; otherwise the VersionConflictError stands and nothing was overwritten.
   */
  private async change(
    bundle: Bundle,
    saved: PeerEncounterView,
    done: (view: PeerEncounterView) => boolean,
  ): Promise<SaveNoteResult> {
    try {
      const result = await this.write(bundle);
      return { kind: 'saved', view: this.viewOf(result.resources), requestCount: result.requestCount };
    } catch (error) {
      if (!(error instanceof VersionConflictError)) {
        throw error;
      }
      const current = await this.readBackNote(bundle, saved);
      if (current && done(current.view)) {
        return { kind: 'saved', view: current.view, requestCount: current.requestCount + 1 };
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
    const reread = new Set(current.resources.map((r) => `${r.resourceType}/${r.id ?? ''}`));
    const unchanged = saved.resources.filter((r) => !reread.has(`${r.resourceType}/${r.id ?? ''}`));
    const encounterRef = saved.encounterId ? `Encounter/${saved.encounterId}` : undefined;
    const view = resourcesToView([...current.resources, ...unchanged], encounterRef)[0];
    return view ? { view, requestCount: current.requestCount } : undefined;
  }

  /** Amends a note already in the record: a new version of each resource and a Provenance saying why. */
  async update(draft: PeerEncounterDraft, saved: PeerEncounterView, reason: string): Promise<SaveNoteResult> {
    const bundle = amendTransaction(draft, saved.versions, reason, this.context(saved.nextRevision));
    return this.change(bundle, saved, (current) => sameContent(current.draft, draft));
  }

  /** Marks a saved note entered in error, with the reason, keeping its history. */
  async markEnteredInError(saved: PeerEncounterView, reason: string): Promise<SaveNoteResult> {
    const bundle = enteredInErrorTransaction(saved, reason, this.context(saved.nextRevision));
    return this.change(bundle, saved, (current) => current.recordStatus === 'entered-in-error');
  }
}
