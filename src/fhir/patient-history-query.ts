import type { Bundle, DocumentReference } from 'fhir/r4';
import { patientHistoryQuery, readHistoryPage, type HistoryPage } from '../domain/patient-history';
import { ALL_PARTS_LOADED, type NotePart } from '../domain/note-parts';
import { NOTES_NOT_LOADED, patientNotesQuery, type NotesPage } from '../domain/patient-notes-query';
import { referenceToId } from '../domain/references';
import type { ServerCapabilities } from '../domain/server-capabilities';
import { FhirHttpError, SessionExpiredError, UnreadableResponseError } from './fhir-errors';
import { ForeignPageLinkError, isOwnPageLink, loadNoteParts, readSearchset } from './note-parts-query';
import type { FhirSession } from './smart-session';

export { ForeignPageLinkError } from './note-parts-query';

/** Where the clinician's history is read from: the session, the server's summary, the patient. */
export interface HistorySource {
  readonly session: FhirSession;
  readonly capabilities: () => Promise<ServerCapabilities>;
  readonly patientId: string;
}

/** Where older history continues: the `next` links of the encounter and the note searches. */
export interface OlderHistory {
  readonly encounters?: string;
  readonly notes?: string;
}

async function readEncounterPage(
  source: HistorySource,
  path: string,
  capabilities: ServerCapabilities,
  fetched: ReadonlySet<NotePart>,
): Promise<HistoryPage> {
  const response = await source.session.request(path);
  const body = response.body as Bundle | undefined;
  if (body?.resourceType !== 'Bundle') {
    throw new UnreadableResponseError(response.status, 'not a searchset Bundle');
  }
  const page = readHistoryPage(body);
  const refs = page.encounters.flatMap((e) => (e.id ? [referenceToId('Encounter', e.id)] : []));
  const parts = await loadNoteParts(source.session, capabilities, source.patientId, refs, fetched);
  return { ...page, related: [...page.related, ...parts.resources], loaded: parts.loaded };
}

/**
 * One page of the patient's clinical notes. A refused search (or a page link off the server) leaves
 * the notes "not loaded" rather than failing the timeline: the encounters are still worth showing.
 */
async function readNotesPage(session: FhirSession, path: string | undefined): Promise<NotesPage> {
  if (path === undefined) {
    return NOTES_NOT_LOADED;
  }
  try {
    const response = await session.request(path);
    const read = readSearchset(response.body);
    const documents = read.resources.filter(
      (r): r is DocumentReference => r.resourceType === 'DocumentReference',
    );
    const next = read.next !== undefined && isOwnPageLink(session, read.next) ? read.next : undefined;
    return {
      documents,
      ...(next ? { nextUrl: next } : {}),
      // A next link off the server cannot be followed: what is beyond it is not loaded.
      loaded: read.next === undefined || next !== undefined,
    };
  } catch (error) {
    if (error instanceof SessionExpiredError || !(error instanceof FhirHttpError)) {
      throw error;
    }
    return NOTES_NOT_LOADED;
  }
}

/**
 * The newest page of the patient's encounters, with what belongs to them (brought by the search where
 * the server lists the `_revinclude`s, else fetched per part for the page's encounters), and the
 * newest page of the patient's clinical notes: on note-only EHRs that is where peer work is.
 */
export async function loadHistory(source: HistorySource): Promise<HistoryPage> {
  const capabilities = await source.capabilities();
  const query = patientHistoryQuery(source.patientId, capabilities);
  const [page, notes] = await Promise.all([
    readEncounterPage(source, query.path, capabilities, query.parts),
    readNotesPage(source.session, patientNotesQuery(source.patientId, capabilities)),
  ]);
  return { ...page, notes };
}

/** The pages the previous pages' `next` links name, followed as given (paging tokens are the server's). */
export async function loadOlderHistory(source: HistorySource, next: OlderHistory): Promise<HistoryPage> {
  for (const url of [next.encounters, next.notes]) {
    if (url !== undefined && !isOwnPageLink(source.session, url)) {
      throw new ForeignPageLinkError(url);
    }
  }
  const capabilities = await source.capabilities();
  // The next link repeats the first search's parameters, so it brings the same parts.
  const parts = patientHistoryQuery(source.patientId, capabilities).parts;
  const [page, notes] = await Promise.all([
    next.encounters === undefined
      ? undefined
      : readEncounterPage(source, next.encounters, capabilities, parts),
    next.notes === undefined ? undefined : readNotesPage(source.session, next.notes),
  ]);
  const base: HistoryPage = page ?? { encounters: [], related: [], loaded: ALL_PARTS_LOADED };
  return notes ? { ...base, notes } : base;
}
