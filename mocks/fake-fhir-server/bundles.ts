/**
 * Batch and transaction Bundles posted to the fake's base (https://hl7.org/fhir/R4/http.html#transaction).
 * A batch runs each entry on its own; a transaction is all or nothing: it works on a copy of the
 * record and is kept only when every entry succeeded. Refusals match the Medplum-engine sandbox.
 */
import type { Bundle, BundleEntry, FhirResource } from 'fhir/r4';
import type { FhirCall, FhirReply } from './fhir-call';
import { formatStatus } from './fhir-call';
import type { ServerClock, Written } from './interactions';
import { parseETag } from './etag';
import { conditionalMatch, requireResource, stamp, updateResource } from './interactions';
import { badRequest, OperationOutcomeError } from './outcomes';
import type { ResourceVersions } from './resource-versions';
import { keyOf } from './resource-versions';
import { findRepeatedConditionalCreate } from './repeated-conditional-create';
import { rewriteReferences } from './rewrite-references';

/** The response entry for a write: where the version now lives, and the resource itself. */
export function writtenEntry(base: string, written: Written): BundleEntry {
  const { resource } = written;
  const versionId = resource.meta?.versionId ?? '';
  return {
    fullUrl: `${base}/${keyOf(resource)}`,
    resource,
    response: {
      status: formatStatus(written.created ? 201 : 200),
      location: `${keyOf(resource)}/_history/${versionId}`,
      etag: `W/"${versionId}"`,
      ...(resource.meta?.lastUpdated ? { lastModified: resource.meta.lastUpdated } : {}),
    },
  };
}

/** Each entry answered as if sent alone: errors stay in their entry. */
export function processBatch(entries: readonly BundleEntry[], handle: (call: FhirCall) => FhirReply): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'batch-response',
    entry: entries.map((entry, index): BundleEntry => {
      const request = entry.request;
      const reply =
        request?.method && request.url
          ? handle({
              method: request.method,
              path: request.url,
              body: entry.resource,
              ifNoneExist: request.ifNoneExist,
              ifMatch: request.ifMatch,
            })
          : atEntryReply(index, 'needs request.method and request.url.');
      const etag = reply.headers?.ETag;
      return reply.status >= 400
        ? { response: { status: formatStatus(reply.status), ...(reply.body ? { outcome: reply.body } : {}) } }
        : {
            ...(reply.body ? { resource: reply.body } : {}),
            response: { status: formatStatus(reply.status), ...(etag ? { etag } : {}) },
          };
    }),
  };
}

function atEntryReply(index: number, text: string): FhirReply {
  return { status: 400, body: badRequest(`Bundle.entry[${index}] ${text}`) };
}

/** Runs `work` for entry `index`, naming the entry in any refusal. */
function atEntry<T>(index: number, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof OperationOutcomeError)) {
      throw error;
    }
    const [issue, ...rest] = error.outcome.issue;
    const text = issue?.details?.text ?? issue?.diagnostics ?? error.message;
    throw new OperationOutcomeError({
      ...error.outcome,
      issue: [
        ...(issue ? [{ ...issue, details: { text: `Bundle.entry[${index}]: ${text}` } }] : []),
        ...rest,
      ],
    });
  }
}

type Plan =
  | {
      readonly kind: 'create';
      readonly resource: FhirResource;
      readonly id: string;
      readonly existing?: FhirResource;
    }
  | {
      readonly kind: 'update';
      readonly resource: FhirResource;
      readonly key: string;
      readonly ifMatch?: string;
    };

function relativeUrl(url: string, base: string): string {
  return (url.startsWith(`${base}/`) ? url.slice(base.length + 1) : url).split('?')[0] ?? '';
}

/** Refused with 400, as the sandbox does: see `repeated-conditional-create.ts`. */
function refuseRepeatedConditionalCreates(entries: readonly BundleEntry[], base: string): void {
  const repeated = findRepeatedConditionalCreate(
    entries.map(({ request }) =>
      request?.method === 'POST' && request.ifNoneExist
        ? { resourceType: relativeUrl(request.url, base), ifNoneExist: request.ifNoneExist }
        : undefined,
    ),
  );
  if (repeated) {
    throw new OperationOutcomeError(badRequest(repeated));
  }
}

function planEntry(clock: ServerClock, base: string, working: ResourceVersions, entry: BundleEntry): Plan {
  const { request } = entry;
  if (!request?.method || !request.url) {
    throw new OperationOutcomeError(badRequest('needs request.method and request.url.'));
  }
  const url = relativeUrl(request.url, base);
  if (request.method === 'POST') {
    const resource = requireResource(entry.resource, url);
    const existing = request.ifNoneExist ? conditionalMatch(working, url, request.ifNoneExist) : undefined;
    return { kind: 'create', resource, id: existing?.id ?? clock.newId(), ...(existing ? { existing } : {}) };
  }
  if (request.method === 'PUT') {
    const ifMatch = parseETag(request.ifMatch);
    return {
      kind: 'update',
      resource: requireResource(entry.resource, url.split('/')[0] ?? ''),
      key: url,
      ...(ifMatch === undefined ? {} : { ifMatch }),
    };
  }
  throw new OperationOutcomeError(
    badRequest(`This server does not take ${request.method} in a transaction.`),
  );
}

/** The transaction's answer and the record it leaves; the caller keeps that record only on success. */
export function processTransaction(
  clock: ServerClock,
  base: string,
  record: ResourceVersions,
  entries: readonly BundleEntry[],
): { readonly response: Bundle; readonly record: ResourceVersions } {
  if (entries.length === 0) {
    throw new OperationOutcomeError(badRequest('The transaction Bundle has no entries.'));
  }
  refuseRepeatedConditionalCreates(entries, base);
  const working = record.copy();
  // Every entry's identity first, so references in any direction can be rewritten.
  const plans = entries.map((entry, index) => atEntry(index, () => planEntry(clock, base, working, entry)));
  const identities = new Map<string, string>();
  for (const [index, plan] of plans.entries()) {
    const fullUrl = entries[index]?.fullUrl;
    if (fullUrl) {
      identities.set(fullUrl, plan.kind === 'create' ? `${plan.resource.resourceType}/${plan.id}` : plan.key);
    }
  }
  const written = plans.map((plan, index) =>
    atEntry(index, (): Written => {
      const resource = rewriteReferences(plan.resource, identities);
      if (plan.kind === 'update') {
        return updateResource(clock, working, plan.key, resource, plan.ifMatch);
      }
      if (plan.existing) {
        return { resource: plan.existing, created: false };
      }
      const created = stamp(clock, resource, plan.id);
      working.put(created);
      return { resource: created, created: true };
    }),
  );
  return {
    response: {
      resourceType: 'Bundle',
      type: 'transaction-response',
      entry: written.map((w) => writtenEntry(base, w)),
    },
    record: working,
  };
}
