import type { FhirResource } from 'fhir/r4';
import { caseloadQuery, readCaseload } from '../domain/caseload';
import { referenceKey } from '../domain/references';
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

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

/**
 * The supervisor's queue: the people of their care teams (one CareTeam search, patients included),
 * then those people's finished Encounters with the Provenances and Communications about them (one
 * search per 50 people, revincluded where listed, else searched apart by Encounter).
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
  let complete = teams.complete;
  const resources: FhirResource[] = [];
  // One search at a time: the vendor counts every call, and the queue paints when all are in.
  for (const group of chunks(
    people.map((p) => p.id),
    REVIEW_PEOPLE_PER_SEARCH,
  )) {
    const query = reviewNotesQuery(group, capabilities);
    const notes = await readAll(session, query.path);
    complete &&= notes.complete;
    resources.push(...notes.resources);
    const encounters = notes.resources
      .filter((r) => r.resourceType === 'Encounter')
      .map((r) => referenceKey(`Encounter/${r.id ?? ''}`))
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
  return { notes: buildReviewQueue(resources, names), complete };
}
