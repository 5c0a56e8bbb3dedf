/**
 * What a FHIR server does with a transaction of conditional creates, reduced to what the view must
 * cope with: ids assigned, urn:uuid references rewritten to `Type/id`, absolute fullUrls, meta added.
 */
import type { Bundle, BundleEntry, FhirResource } from 'fhir/r4';

export const SERVER_BASE = 'https://ehr.example.org/fhir';

function rewrite(value: unknown, ids: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) {
    return value.map((v: unknown) => rewrite(v, ids));
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] = key === 'reference' && typeof v === 'string' ? (ids.get(v) ?? v) : rewrite(v, ids);
    }
    return out;
  }
  return value;
}

export function serverResponse(transaction: Bundle, firstId = 1000): Bundle {
  const ids = new Map<string, string>();
  let next = firstId;
  for (const entry of transaction.entry ?? []) {
    if (entry.fullUrl && entry.resource) {
      ids.set(entry.fullUrl, `${entry.resource.resourceType}/${String(next++)}`);
    }
  }
  const entry: BundleEntry[] = (transaction.entry ?? []).map((e) => {
    const ref = e.fullUrl ? (ids.get(e.fullUrl) ?? '') : '';
    const resource = {
      ...(rewrite(e.resource, ids) as FhirResource),
      id: ref.split('/')[1] ?? '',
      meta: { ...e.resource?.meta, versionId: '1', lastUpdated: '2026-11-20T17:05:01.123Z' },
    } as FhirResource;
    return {
      fullUrl: `${SERVER_BASE}/${ref}`,
      resource,
      response: { status: '201 Created', location: `${ref}/_history/1` },
    };
  });
  return { resourceType: 'Bundle', type: 'transaction-response', entry };
}
