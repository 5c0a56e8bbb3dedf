import { isBundle, isResource } from '../domain/guards';
import type { Bundle, BundleEntry, FhirResource } from 'fhir/r4';
import { asVersionConflict, FhirHttpError, UnreadableResponseError } from './fhir-errors';
import { entryError } from './response-reading';
import type { ServerCapabilities } from './server-capabilities';
import type { FhirResponse, FhirSession } from './smart-session';

/** One written resource as the server has it now. */
export interface WrittenResource {
  readonly resourceType: string;
  readonly id: string;
  readonly versionId?: string;
  /** The server's copy, when it sent one back. */
  readonly resource?: FhirResource;
  /** False when a conditional create found what an earlier attempt had written. */
  readonly created: boolean;
}

export interface WriteOutcome {
  /** In the order of the Bundle's entries. */
  readonly written: readonly WrittenResource[];
  readonly requestCount: number;
}

const LOCATION =
  /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/([A-Za-z0-9\-.]{1,64}))?\/?$/;

function parseLocation(
  location: string | undefined,
): { resourceType: string; id: string; versionId?: string } | undefined {
  const match = location ? LOCATION.exec(location.split('?')[0] ?? '') : null;
  if (!match?.[1] || !match[2]) {
    return undefined;
  }
  return { resourceType: match[1], id: match[2], ...(match[3] ? { versionId: match[3] } : {}) };
}

function resultFrom(
  status: string | number | undefined,
  location: string | undefined,
  body: unknown,
  expectedType: string,
): WrittenResource | undefined {
  const resource = isResource(body) && body.resourceType === expectedType ? body : undefined;
  const fromLocation = parseLocation(location);
  const id = resource?.id ?? fromLocation?.id;
  if (!id) {
    return undefined;
  }
  const versionId = resource?.meta?.versionId ?? fromLocation?.versionId;
  return {
    resourceType: expectedType,
    id,
    ...(versionId ? { versionId } : {}),
    ...(resource ? { resource } : {}),
    created: String(status ?? '')
      .trim()
      .startsWith('201'),
  };
}

function entryType(entry: BundleEntry): string {
  return entry.resource?.resourceType ?? (entry.request?.url ?? '').split(/[/?]/)[0] ?? '';
}

/** The read that finds an entry's resource as the server has it: by its URL, or by its identifier. */
function readUrlOf(entry: BundleEntry): string | undefined {
  if (entry.request?.method === 'PUT') {
    return entry.request.url.split('?')[0];
  }
  return entry.request?.ifNoneExist ? `${entryType(entry)}?${entry.request.ifNoneExist}` : undefined;
}

/** A read's answer: the resource itself, or the first match of a search. */
function foundIn(body: unknown, entry: BundleEntry): WrittenResource | undefined {
  const match = isBundle(body) && body.type === 'searchset' ? body.entry?.[0]?.resource : body;
  return match ? resultFrom('200', undefined, match, entryType(entry)) : undefined;
}

/**
 * Reads what the given entries wrote, as the server has it now: one batch where the server offers
 * batches, else one read per entry. Every create carries its draft-derived identifier, so this also
 * recovers ids the server did not send. An entry whose read fails throws its typed error.
 */
async function readEntries(
  session: FhirSession,
  entries: readonly { entry: BundleEntry; index: number }[],
  capabilities: ServerCapabilities,
): Promise<{ found: Map<number, WrittenResource>; requestCount: number }> {
  const reads = entries.flatMap(({ entry, index }) => {
    const url = readUrlOf(entry);
    return url ? [{ entry, index, url }] : [];
  });
  const found = new Map<number, WrittenResource>();
  if (reads.length === 0) {
    return { found, requestCount: 0 };
  }
  if (!capabilities.batch) {
    for (const { entry, index, url } of reads) {
      const response = await session.request(url);
      const written = foundIn(response.body, entry);
      if (written) {
        found.set(index, written);
      }
    }
    return { found, requestCount: reads.length };
  }
  const response = await session.request('', {
    method: 'POST',
    body: {
      resourceType: 'Bundle',
      type: 'batch',
      entry: reads.map(({ url }) => ({ request: { method: 'GET', url } })),
    },
  });
  if (!isBundle(response.body)) {
    throw new UnreadableResponseError(response.status, 'not a batch-response Bundle');
  }
  const answers = response.body.entry ?? [];
  reads.forEach(({ entry, index }, position) => {
    const answer = answers[position];
    const failed = entryError(answer);
    if (failed) {
      throw failed;
    }
    const written = foundIn(answer?.resource, entry);
    if (written) {
      found.set(index, written);
    }
  });
  return { found, requestCount: 1 };
}

/**
 * Reads every resource a transaction writes, as the server has it now: after a conflict, to tell a
 * write of someone else from this same write committed by an earlier attempt whose answer was lost.
 * Entries whose resource is not there (yet) are left out.
 */
export async function readCurrentResources(
  session: FhirSession,
  bundle: Bundle,
  capabilities: ServerCapabilities,
): Promise<{ resources: FhirResource[]; requestCount: number }> {
  const entries = (bundle.entry ?? []).map((entry, index) => ({ entry, index }));
  const { found, requestCount } = await readEntries(session, entries, capabilities);
  const resources = [...found.values()].flatMap((w) => (w.resource ? [w.resource] : []));
  return { resources, requestCount };
}

async function writeAsTransaction(
  session: FhirSession,
  bundle: Bundle,
  capabilities: ServerCapabilities,
): Promise<WriteOutcome> {
  const entries = bundle.entry ?? [];
  const response = await session.request('', {
    method: 'POST',
    body: bundle,
    headers: { Prefer: 'return=representation' },
  });
  let requestCount = 1;
  const answers = isBundle(response.body) ? (response.body.entry ?? []) : [];
  const written: (WrittenResource | undefined)[] = entries.map((entry, index) => {
    const answer = answers[index];
    // A transaction is all or nothing, yet some servers answer 200 with a failed entry inside.
    const failed = entryError(answer);
    if (failed) {
      throw failed;
    }
    return answer
      ? resultFrom(answer.response?.status, answer.response?.location, answer.resource, entryType(entry))
      : undefined;
  });
  const missing = entries
    .map((entry, index) => ({ entry, index }))
    .filter(({ index, entry }) => written[index] === undefined && entry.request?.ifNoneExist);
  if (missing.length > 0) {
    const { found, requestCount: reads } = await readEntries(session, missing, capabilities);
    requestCount += reads;
    for (const [index, resource] of found) {
      written[index] = resource;
    }
  }
  return { written: requireAll(written, entries), requestCount };
}

function requireAll(
  written: readonly (WrittenResource | undefined)[],
  entries: readonly BundleEntry[],
): WrittenResource[] {
  return written.map((resource, index) => {
    if (!resource) {
      throw new UnreadableResponseError(
        200,
        `the server did not say where it stored ${entryType(entries[index] ?? {})}`,
      );
    }
    return resource;
  });
}

/** Replaces urn:uuid references with the ids the server gave earlier entries. */
function resolveReferences<T>(value: T, resolved: ReadonlyMap<string, string>): T {
  if (Array.isArray(value)) {
    return value.map((item: unknown) => resolveReferences(item, resolved)) as T;
  }
  if (typeof value === 'object' && value !== null) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      copy[key] =
        key === 'reference' && typeof item === 'string' && resolved.has(item)
          ? resolved.get(item)
          : resolveReferences(item, resolved);
    }
    return copy as T;
  }
  return value;
}

async function writeOneByOne(session: FhirSession, bundle: Bundle): Promise<WriteOutcome> {
  const resolved = new Map<string, string>();
  const written: WrittenResource[] = [];
  let requestCount = 0;
  for (const entry of bundle.entry ?? []) {
    const type = entryType(entry);
    const resource = resolveReferences(entry.resource, resolved);
    const method = entry.request?.method === 'PUT' ? 'PUT' : 'POST';
    const headers: Record<string, string> = { Prefer: 'return=representation' };
    if (entry.request?.ifNoneExist) {
      headers['If-None-Exist'] = entry.request.ifNoneExist;
    }
    if (entry.request?.ifMatch) {
      headers['If-Match'] = entry.request.ifMatch;
    }
    const response: FhirResponse = await session.request(
      method === 'PUT' ? (entry.request?.url ?? type) : type,
      {
        method,
        body: resource,
        headers,
      },
    );
    requestCount += 1;
    let result = resultFrom(
      response.status,
      response.headers.get('Location') ?? undefined,
      response.body,
      type,
    );
    if (!result && entry.request?.ifNoneExist) {
      // Servers without transactions may lack batch too: search for this one resource directly.
      const search = await session.request(`${type}?${entry.request.ifNoneExist}`);
      requestCount += 1;
      const match = isBundle(search.body) ? search.body.entry?.[0]?.resource : undefined;
      result = match ? resultFrom('200', undefined, match, type) : undefined;
    }
    if (!result) {
      throw new UnreadableResponseError(response.status, `the server did not say where it stored ${type}`);
    }
    written.push(result);
    if (entry.fullUrl) {
      resolved.set(entry.fullUrl, `${result.resourceType}/${result.id}`);
    }
  }
  return { written, requestCount };
}

/**
 * Writes a transaction Bundle from the domain core: as one transaction where the server offers it,
 * else as ordered conditional creates. Either way a retry finds what an earlier attempt wrote (every
 * create is conditional on the draft's identifiers), so nothing is written twice. Rejects with a
 * VersionConflictError on 409/412 (of the request or of any entry), else with the typed error of the
 * failure; an entry answered with an error status is never taken as written.
 */
export async function writeTransaction(
  session: FhirSession,
  bundle: Bundle,
  capabilities: ServerCapabilities,
): Promise<WriteOutcome> {
  try {
    if (!capabilities.transaction) {
      return await writeOneByOne(session, bundle);
    }
    try {
      return await writeAsTransaction(session, bundle, capabilities);
    } catch (error) {
      // A server that advertised transactions but refuses the interaction itself.
      if (error instanceof FhirHttpError && (error.status === 405 || error.status === 501)) {
        return await writeOneByOne(session, bundle);
      }
      throw error;
    }
  } catch (error) {
    throw asVersionConflict(error);
  }
}
