import type { Bundle, BundleEntry, FhirResource } from 'fhir/r4';
import { FhirHttpError, UnreadableResponseError } from './fhir-errors';
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

function isBundle(value: unknown): value is Bundle {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { resourceType?: unknown }).resourceType === 'Bundle'
  );
}

function isResource(value: unknown): value is FhirResource {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { resourceType?: unknown }).resourceType === 'string'
  );
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

/**
 * Finds what a create wrote when the server did not say (no Location, an empty body): every entry
 * carries its draft-derived identifier, so one batch of identifier searches recovers the ids.
 */
async function findByIdentifier(
  session: FhirSession,
  entries: readonly { entry: BundleEntry; index: number }[],
): Promise<Map<number, WrittenResource>> {
  const searches = entries.map(({ entry }) => `${entryType(entry)}?${entry.request?.ifNoneExist ?? ''}`);
  const response = await session.request('', {
    method: 'POST',
    body: {
      resourceType: 'Bundle',
      type: 'batch',
      entry: searches.map((url) => ({ request: { method: 'GET', url } })),
    },
  });
  const found = new Map<number, WrittenResource>();
  if (!isBundle(response.body)) {
    throw new UnreadableResponseError(response.status, 'not a batch-response Bundle');
  }
  const answers = response.body.entry ?? [];
  entries.forEach(({ entry, index }, position) => {
    const searchset = answers[position]?.resource;
    const match = isBundle(searchset) ? searchset.entry?.[0]?.resource : undefined;
    const written = match ? resultFrom('200', undefined, match, entryType(entry)) : undefined;
    if (written) {
      found.set(index, written);
    }
  });
  return found;
}

async function writeAsTransaction(session: FhirSession, bundle: Bundle): Promise<WriteOutcome> {
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
    return answer
      ? resultFrom(answer.response?.status, answer.response?.location, answer.resource, entryType(entry))
      : undefined;
  });
  const missing = entries
    .map((entry, index) => ({ entry, index }))
    .filter(({ index, entry }) => written[index] === undefined && entry.request?.ifNoneExist);
  if (missing.length > 0) {
    const found = await findByIdentifier(session, missing);
    requestCount += 1;
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
 * create is conditional on the draft's identifiers), so nothing is written twice.
 */
export async function writeTransaction(
  session: FhirSession,
  bundle: Bundle,
  capabilities: ServerCapabilities,
): Promise<WriteOutcome> {
  if (!capabilities.transaction) {
    return writeOneByOne(session, bundle);
  }
  try {
    return await writeAsTransaction(session, bundle);
  } catch (error) {
    // A server that advertised transactions but refuses the interaction itself.
    if (error instanceof FhirHttpError && (error.status === 405 || error.status === 501)) {
      return writeOneByOne(session, bundle);
    }
    throw error;
  }
}
