import type { Bundle } from 'fhir/r4';
import { patientHistoryQuery, readHistoryPage, type HistoryPage } from '../domain/patient-history';
import { UnreadableResponseError } from './fhir-errors';
import type { FhirSession } from './smart-session';

/** A `next` link that leaves the FHIR server the token was issued for; never followed. */
export class ForeignPageLinkError extends Error {
  readonly url: string;

  constructor(url: string) {
    super(
      `The FHIR server's next-page link points outside it (${url}); PeerBridge will not send the access token there. Tell your IT team.`,
    );
    this.name = 'ForeignPageLinkError';
    this.url = url;
  }
}

async function readPage(session: FhirSession, path: string): Promise<HistoryPage> {
  const response = await session.request(path);
  const body = response.body as Bundle | undefined;
  if (body?.resourceType !== 'Bundle') {
    throw new UnreadableResponseError(response.status, 'not a searchset Bundle');
  }
  return readHistoryPage(body);
}

/** The newest page of the patient's encounters, with what belongs to them, in one search. */
export function loadHistory(session: FhirSession, patientId: string): Promise<HistoryPage> {
  return readPage(session, patientHistoryQuery(patientId));
}

/** The page a previous page's `next` link names, followed as given (paging tokens are the server's). */
export function loadOlderHistory(session: FhirSession, nextUrl: string): Promise<HistoryPage> {
  const base = `${session.context.serverUrl}/`;
  if (!nextUrl.startsWith(base) && !nextUrl.startsWith(`${session.context.serverUrl}?`)) {
    return Promise.reject(new ForeignPageLinkError(nextUrl));
  }
  return readPage(session, nextUrl);
}
