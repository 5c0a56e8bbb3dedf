/**
 * The first screen's reads as one batch, and each entry's answer read back by position. An entry
 * counts only with a 2xx `response.status`: a server may answer the batch 200 and refuse every entry.
 */
import type { Bundle, BundleEntry, Resource } from 'fhir/r4';
import { arrayOf, isBundle, isRecord, isResource } from './guards';
import type { ContextPlan, QueryAnswer } from './patient-context-queries';

export function buildPatientContextBatch(plan: ContextPlan): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'batch',
    entry: plan.queries.map((query) => ({ request: { method: 'GET', url: query.path } })),
  };
}

function statusCode(entry: BundleEntry | undefined): number | undefined {
  const match = /^\s*(\d{3})/.exec(entry?.response?.status ?? '');
  return match?.[1] ? Number(match[1]) : undefined;
}

/** The resources of one answer: a read's resource, or a searchset's entries. */
export function resourcesOfAnswer(body: unknown): Resource[] {
  if (!isResource(body)) {
    return [];
  }
  if (isBundle(body)) {
    return arrayOf<unknown>(body.entry).flatMap((entry) => {
      const resource: unknown = isRecord(entry) ? entry.resource : undefined;
      return isResource(resource) ? [resource] : [];
    });
  }
  return body.resourceType === 'OperationOutcome' ? [] : [body];
}

/**
 * Each batch entry's answer, by position. An entry counts only with a 2xx `response.status`: a server
 * may answer the batch 200 and refuse every entry in it.
 */
export function readContextBatch(plan: ContextPlan, response: Bundle): QueryAnswer[] {
  const entries = arrayOf(response.entry);
  return plan.queries.map((_, index): QueryAnswer => {
    const entry = entries[index];
    const status = statusCode(entry);
    if (status === undefined || status < 200 || status > 299) {
      return status === undefined ? { ok: false } : { ok: false, status };
    }
    return { ok: true, resources: resourcesOfAnswer(entry?.resource) };
  });
}
