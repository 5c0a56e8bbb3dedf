import { isBundle } from '../domain/guards';
import type { Bundle, BundleEntry } from 'fhir/r4';
import { resolveReferences } from '../domain/urn-references';
import { asVersionConflict, FhirHttpError, UnreadableResponseError } from './fhir-errors';
import { entryError } from './response-reading';
import type { ServerCapabilities } from './server-capabilities';
import { readEntries } from './read-current-resources';
import type { FhirResponse, FhirSession } from './smart-session';
import { entryType, writtenFromEntry, type WrittenResource } from './written-resource';
import { referenceTo } from '../domain/references';

export type { WrittenResource } from './written-resource';

export interface WriteOutcome {
  /** In the order of the Bundle's entries. */
  readonly written: readonly WrittenResource[];
  readonly requestCount: number;
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
      ? writtenFromEntry(
          answer.response?.status,
          answer.response?.location,
          answer.resource,
          entryType(entry),
        )
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
    let result = writtenFromEntry(
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
      result = match ? writtenFromEntry('200', undefined, match, type) : undefined;
    }
    if (!result) {
      throw new UnreadableResponseError(response.status, `the server did not say where it stored ${type}`);
    }
    written.push(result);
    if (entry.fullUrl) {
      resolved.set(entry.fullUrl, referenceTo(result));
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
