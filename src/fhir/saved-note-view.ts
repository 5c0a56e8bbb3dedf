import type { FhirResource } from 'fhir/r4';
import { noteOnlyView, noteVersion } from '../domain/clinical-note-view';
import type { TransactionContext } from '../domain/mapping-context';
import type { PeerEncounterDraft } from '../domain/peer-encounter-draft';
import { resourcesToView, type PeerEncounterView } from '../domain/peer-encounter-view';
import type { PlannedSave } from '../domain/planned-save';
import { UnreadableResponseError } from './fhir-errors';
import { readBack } from './read-back';
import type { ServerCapabilities } from './server-capabilities';
import type { FhirSession } from './smart-session';
import type { WriteReport } from './write-plan-executor';

/** The one note in a saved answer; an answer without it is unreadable, not an empty save. */
export function savedViewOf(resources: readonly FhirResource[]): PeerEncounterView {
  const view = resourcesToView(resources)[0];
  if (!view) {
    throw new UnreadableResponseError(200, 'the saved note could not be found in the answer');
  }
  return view;
}

/** A first save as it went: the draft, what was planned, what the server answered, and to whom. */
export interface WrittenSave {
  readonly draft: PeerEncounterDraft;
  readonly save: PlannedSave;
  readonly report: WriteReport;
  readonly capabilities: ServerCapabilities;
}

/** The saved view: the structured record where its Encounter landed, else the note and the draft. */
export async function viewOfWriteReport(
  session: FhirSession,
  { draft, save, report, capabilities }: WrittenSave,
  context: TransactionContext,
): Promise<{ view: PeerEncounterView; requestCount: number }> {
  const note = save.note && report.note ? noteVersion(save.note, report.note) : undefined;
  const structured = report.written.filter((w) => w.resourceType !== 'Communication');
  if (structured.some((w) => w.resourceType === 'Encounter')) {
    const back = await readBack(session, structured, capabilities);
    const view = savedViewOf(back.resources);
    return { view: note ? { ...view, clinicalNote: note } : view, requestCount: back.requestCount };
  }
  const view = save.note && report.note ? noteOnlyView(draft, save.note, report.note, context) : undefined;
  if (!view) {
    throw new UnreadableResponseError(200, 'the saved note could not be found in the answer');
  }
  return { view, requestCount: 0 };
}
