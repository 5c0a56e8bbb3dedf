import type { FhirResource } from 'fhir/r4';
import { caseloadQuery, readCaseload } from '../domain/caseload';
import { referenceKey, referenceToId } from '../domain/references';
import {
  buildReviewQueue,
  REVIEW_PEOPLE_PER_SEARCH,
  reviewNotesQuery,
  separateReviewSearches,
  type ReviewNote,
} from '../domain/review-queue';
import type { ServerCapabilities } from '../domain/server-capabilities';
import { UnreadableResponseError } from './fhir-errors';
import { ForeignPageLinkError, isOwnPageLink, readSearchset } from './note-parts-query';
import type { FhirSession } from './smart-session';
import { chunks } from '../domain/chunks';

/** Pages of one search followed at most; a team bigger than that is told, not silently cut. */
const MAX_PAGES = 10;

export interface ReviewQueue {
  readonly notes: readonly ReviewNote[];
  /** False when a search had more pages than PeerBridge follows: some notes may be missing. */
  readonly complete: boolean;
}

async function readAll(
  session: FhirSession,
  path: string,
): Promise<{ resources: FhirResource[]; complete: boolean }> {
  const resources: FhirResource[] = [];
  let url: string | undefined = path;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const response = await session.request(url);
    if (!(typeof response.body === 'object' && response.body !== null && 'resourceType' in response.body)) {
      throw new UnreadableResponseError(response.status, 'not a searchset Bundle');
    }
    const read = readSearchset(response.body);
    resources.push(...read.resources);
    if (read.next === undefined) {
      return { resources, complete: true };
    }
    if (!isOwnPageLink(session, read.next)) {
      throw new ForeignPageLinkError(read.next);
    }
    url = read.next;
  }
  return { resources, complete: false };
}

/**
 * The finished Encounters of these people with the Provenances and Communications about them (one
 * search per 50 people, revincluded where listed, else searched apart by Encounter), one search at a
 * time: the vendor counts every call.
 */
export async function loadReviewRecords(
  session: FhirSession,
  capabilities: ServerCapabilities,
  patientIds: readonly string[],
): Promise<{ resources: FhirResource[]; complete: boolean }> {
  let complete = true;
  const resources: FhirResource[] = [];
  for (const group of chunks(patientIds, REVIEW_PEOPLE_PER_SEARCH)) {
    const query = reviewNotesQuery(group, capabilities);
    const notes = await readAll(session, query.path);
    complete &&= notes.complete;
    resources.push(...notes.resources);
    const encounters = notes.resources
      .filter((r) => r.resourceType === 'Encounter')
      .map((r) => referenceKey(referenceToId('Encounter', r.id ?? '')))
      .filter((ref): ref is string => ref !== undefined);
    const paths = chunks(encounters, REVIEW_PEOPLE_PER_SEARCH).flatMap((refs) =>
      separateReviewSearches(query.separate, refs),
    );
    for (const path of paths) {
      const more = await readAll(session, path);
      complete &&= more.complete;
      resources.push(...more.resources);
    }
  }
  return { resources, complete };
}

/**
 * The supervisor's queue: the people of their care teams (one CareTeam search, patients included),
 * then their notes with the reviews about them (loadReviewRecords).
 */
export async function loadReviewQueue(
  session: FhirSession,
  capabilities: ServerCapabilities,
  supervisor: string,
): Promise<ReviewQueue> {
  const teams = await readAll(session, caseloadQuery(supervisor, 100));
  const people = readCaseload({
    resourceType: 'Bundle',
    type: 'searchset',
    entry: teams.resources.map((resource) => ({ resource })),
  });
  const names = new Map(people.map((person) => [person.id, person.name]));
  const records = await loadReviewRecords(
    session,
    capabilities,
    people.map((p) => p.id),
  );
  return { notes: buildReviewQueue(records.resources, names), complete: teams.complete && records.complete };
}
