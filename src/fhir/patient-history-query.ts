import type { Bundle } from 'fhir/r4';
import { patientHistoryQuery, readHistoryPage, type HistoryPage } from '../domain/patient-history';
import type { NotePart } from '../domain/note-parts';
import type { ServerCapabilities } from '../domain/server-capabilities';
import { UnreadableResponseError } from './fhir-errors';
import { ForeignPageLinkError, isOwnPageLink, loadNoteParts } from './note-parts-query';
import type { FhirSession } from './smart-session';

export { ForeignPageLinkError } from './note-parts-query';

/** Where the clinician's history is read from: the session, the server's summary, the patient. */
export interface HistorySource {
  readonly session: FhirSession;
  readonly capabilities: () => Promise<ServerCapabilities>;
  readonly patientId: string;
}

async function readPage(
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
  const refs = page.encounters.flatMap((e) => (e.id ? [`Encounter/${e.id}`] : []));
  const parts = await loadNoteParts(source.session, capabilities, source.patientId, refs, fetched);
  return { ...page, related: [...page.related, ...parts.resources], loaded: parts.loaded };
}

/**
 * The newest page of the patient's encounters, with what belongs to them: brought by the search
 * where the server lists the `_revinclude`s, else fetched per part for the page's encounters.
 */
export async function loadHistory(source: HistorySource): Promise<HistoryPage> {
  const capabilities = await source.capabilities();
  const query = patientHistoryQuery(source.patientId, capabilities);
  return readPage(source, query.path, capabilities, query.parts);
}

/** The page a previous page's `next` link names, followed as given (paging tokens are the server's). */
export async function loadOlderHistory(source: HistorySource, nextUrl: string): Promise<HistoryPage> {
  if (!isOwnPageLink(source.session, nextUrl)) {
    throw new ForeignPageLinkError(nextUrl);
  }
  const capabilities = await source.capabilities();
  // The next link repeats the first search's parameters, so it brings the same parts.
  return readPage(source, nextUrl, capabilities, patientHistoryQuery(source.patientId, capabilities).parts);
}
