/**
 * What a transaction's entries wrote, read again as the server has it now: to recover ids a server
 * did not send back, and after a conflict to tell someone else's write from this same write
 * committed by an earlier attempt whose answer was lost.
 */
import { isBundle } from '../domain/guards';
import type { Bundle, BundleEntry, FhirResource } from 'fhir/r4';
import { UnreadableResponseError } from './fhir-errors';
import { entryError } from './response-reading';
import type { ServerCapabilities } from './server-capabilities';
import type { FhirSession } from './smart-session';
import { entryType, writtenFromEntry, type WrittenResource } from './written-resource';

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
  return match ? writtenFromEntry('200', undefined, match, entryType(entry)) : undefined;
}

/**
 * Reads what the given entries wrote, as the server has it now: one batch where the server offers
 * batches, else one read per entry. Every create carries its draft-derived identifier, so this also
 * recovers ids the server did not send. An entry whose read fails throws its typed error.
 */
export async function readEntries(
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
