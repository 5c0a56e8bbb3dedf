import type { FhirResource } from 'fhir/r4';
import { nextLink } from '../domain/bundle-links';
import { arrayOf, isBundle, isRecord, isResource } from '../domain/guards';
import {
  ALL_NOTE_PARTS,
  loadedParts,
  partQueries,
  type LoadedParts,
  type NotePart,
} from '../domain/note-parts';
import type { ServerCapabilities } from '../domain/server-capabilities';
import { mapBounded, PARALLEL_READS } from './bounded-requests';
import { FhirHttpError, SessionExpiredError } from './fhir-errors';
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

export function isOwnPageLink(session: FhirSession, url: string): boolean {
  const server = session.context.serverUrl;
  return url.startsWith(`${server}/`) || url.startsWith(`${server}?`);
}

/** Pages of one part's search followed at most: past that the part is left "not loaded". */
const MAX_PART_PAGES = 4;

interface PartAnswer {
  readonly resources: FhirResource[];
  readonly complete: boolean;
}

/** A searchset's resources and `next` link, total over odd answers. */
export function readSearchset(body: unknown): { resources: FhirResource[]; next?: string } {
  if (!isBundle(body)) {
    return { resources: [] };
  }
  const resources = arrayOf<unknown>(body.entry).flatMap((entry) => {
    const resource: unknown = isRecord(entry) ? entry.resource : undefined;
    return isResource(resource) ? [resource] : [];
  });
  const next = nextLink(body);
  return next ? { resources, next } : { resources };
}

async function readPart(session: FhirSession, path: string): Promise<PartAnswer> {
  const resources: FhirResource[] = [];
  let url: string | undefined = path;
  try {
    for (let page = 0; url !== undefined && page < MAX_PART_PAGES; page += 1) {
      const response = await session.request(url);
      const read = readSearchset(response.body);
      resources.push(...read.resources);
      url = read.next !== undefined && isOwnPageLink(session, read.next) ? read.next : undefined;
      if (read.next !== undefined && url === undefined) {
        return { resources, complete: false };
      }
    }
  } catch (error) {
    if (error instanceof SessionExpiredError || !(error instanceof FhirHttpError)) {
      throw error;
    }
    return { resources, complete: false };
  }
  return { resources, complete: url === undefined };
}

/**
 * Fetches the parts of the notes of `encounterRefs` that their search did not bring (`fetched`),
 * one bounded search per part. A refused or unfinished part stays "not loaded"; the rest is added.
 */
export async function loadNoteParts(
  session: FhirSession,
  capabilities: ServerCapabilities,
  patientId: string,
  encounterRefs: readonly string[],
  fetched: ReadonlySet<NotePart>,
): Promise<{ readonly resources: FhirResource[]; readonly loaded: LoadedParts }> {
  const missing = new Set([...ALL_NOTE_PARTS].filter((part) => !fetched.has(part)));
  const plan = partQueries(capabilities, patientId, encounterRefs, missing);
  const answers = await mapBounded(plan.queries, PARALLEL_READS, (query) => readPart(session, query.path));
  const loaded = new Set<NotePart>([...fetched, ...plan.absent]);
  if (encounterRefs.length === 0) {
    missing.forEach((part) => loaded.add(part));
  }
  plan.queries.forEach((query, index) => {
    if (answers[index]?.complete) {
      loaded.add(query.part);
    }
  });
  return { resources: answers.flatMap((answer) => answer.resources), loaded: loadedParts(loaded) };
}
