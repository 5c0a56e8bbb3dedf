import type { Bundle, FhirResource } from 'fhir/r4';
import { isResource } from '../domain/guards';
import { referenceTo } from '../domain/references';
import { readPath } from '../domain/search-query';
import { entryError } from './response-reading';
import type { ServerCapabilities } from './server-capabilities';
import type { FhirSession } from './smart-session';
import type { WrittenResource } from './written-resource';

/**
 * The server's copy of what was written: from the write's answer, or read again where it sent none
 * (one batch where the server has batch, else one GET each).
 */
export async function readBack(
  session: FhirSession,
  written: readonly WrittenResource[],
  capabilities: ServerCapabilities,
): Promise<{ resources: FhirResource[]; requestCount: number }> {
  const present = written.flatMap((w) => (w.resource ? [w.resource] : []));
  const missing = written.filter((w) => !w.resource);
  if (missing.length === 0) {
    return { resources: present, requestCount: 0 };
  }
  if (!capabilities.batch) {
    const fetched: FhirResource[] = [];
    for (const w of missing) {
      const response = await session.request(readPath(w.resourceType, w.id));
      if (isResource(response.body)) {
        fetched.push(response.body);
      }
    }
    return { resources: [...present, ...fetched], requestCount: missing.length };
  }
  const response = await session.request('', {
    method: 'POST',
    body: {
      resourceType: 'Bundle',
      type: 'batch',
      entry: missing.map((w) => ({ request: { method: 'GET', url: referenceTo(w) } })),
    } satisfies Bundle,
  });
  const answers = (response.body as Bundle | undefined)?.entry ?? [];
  const fetched = answers.flatMap((entry) => {
    const failed = entryError(entry);
    if (failed) {
      throw failed;
    }
    return isResource(entry.resource) ? [entry.resource] : [];
  });
  return { resources: [...present, ...fetched], requestCount: 1 };
}
