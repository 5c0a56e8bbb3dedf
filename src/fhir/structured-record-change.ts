import type { Bundle, FhirResource } from 'fhir/r4';
import { resourcesToView, type PeerEncounterView } from '../domain/peer-encounter-view';
import { referenceToId } from '../domain/references';
import { VersionConflictError } from './fhir-errors';
import { readBack } from './read-back';
import { readCurrentResources } from './read-current-resources';
import { savedViewOf } from './saved-note-view';
import { retryOnceWhenBusy } from './retry-when-busy';
import type { ServerCapabilities } from './server-capabilities';
import type { FhirSession } from './smart-session';
import { writeTransaction } from './transaction-writer';

/** What a transaction of the structured record needs: the session, its server, and how to wait. */
export interface StructuredWriteContext {
  readonly session: FhirSession;
  readonly capabilities: () => Promise<ServerCapabilities>;
  readonly sleep: (milliseconds: number) => Promise<void>;
}

interface ViewAndCount {
  readonly view: PeerEncounterView;
  readonly requestCount: number;
}

/** One transaction of the structured record, retried once by itself when the server asks to wait. */
async function writeStructured(
  context: StructuredWriteContext,
  bundle: Bundle,
): Promise<{ resources: FhirResource[]; requestCount: number }> {
  const capabilities = await context.capabilities();
  const outcome = await retryOnceWhenBusy(context.sleep, () =>
    writeTransaction(context.session, bundle, capabilities),
  );
  const back = await readBack(context.session, outcome.written, capabilities);
  return { resources: back.resources, requestCount: outcome.requestCount + back.requestCount };
}

/**
 * The structured part of a change: a new version of each resource with If-Match. On a conflict the
 * structured record is read back: when it already holds what was asked (`done`: an earlier attempt
 * committed and its answer was lost), that is a save; otherwise the VersionConflictError stands and
 * nothing was overwritten.
 */
export async function changeStructured(
  context: StructuredWriteContext,
  bundle: Bundle,
  saved: PeerEncounterView,
  done: (view: PeerEncounterView) => boolean,
): Promise<ViewAndCount> {
  try {
    const result = await writeStructured(context, bundle);
    return { view: savedViewOf(result.resources), requestCount: result.requestCount };
  } catch (error) {
    if (!(error instanceof VersionConflictError)) {
      throw error;
    }
    const current = await readBackNote(context, bundle, saved);
    if (current && done(current.view)) {
      return { view: current.view, requestCount: current.requestCount + 1 };
    }
    throw error;
  }
}

/** The note as the server has it now: what `bundle` writes, read again, over the rest of `saved`. */
async function readBackNote(
  context: StructuredWriteContext,
  bundle: Bundle,
  saved: PeerEncounterView,
): Promise<ViewAndCount | undefined> {
  const capabilities = await context.capabilities();
  const current = await readCurrentResources(context.session, bundle, capabilities);
  const reread = new Set(current.resources.map((r) => referenceToId(r.resourceType, r.id ?? '')));
  const unchanged = saved.resources.filter((r) => !reread.has(referenceToId(r.resourceType, r.id ?? '')));
  const encounterRef = saved.encounterId ? referenceToId('Encounter', saved.encounterId) : undefined;
  const view = resourcesToView([...current.resources, ...unchanged], encounterRef)[0];
  return view ? { view, requestCount: current.requestCount } : undefined;
}
