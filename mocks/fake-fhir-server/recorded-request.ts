/** What the fake FHIR server saw of one request, for tests to count writes and aim faults. */
import { isBundle } from '../../src/domain/guards';
import type { Fault } from './faults';
import { pathBelow } from './msw-handlers';

export interface RecordedRequest {
  readonly method: string;
  /** Relative to the base, without the query: '' for the base itself, 'Encounter/1', 'metadata'. */
  readonly path: string;
  readonly search: string;
  /** The Bundle.type of a POST to the base. */
  readonly bundleType?: string;
  /** The fault that met it, if any (see `faults.ts`). */
  readonly fault?: Fault;
}

/** Reads a clone, so the request's body is still there for the server. */
export async function recordRequest(base: string, request: Request): Promise<RecordedRequest> {
  const url = new URL(request.url);
  const path = pathBelow(base, `${url.origin}${url.pathname}`);
  let bundleType: string | undefined;
  if (request.method === 'POST' && path === '') {
    try {
      const body: unknown = await request.clone().json();
      bundleType = isBundle(body) ? body.type : undefined;
    } catch {
      // Not JSON: the server answers that itself.
    }
  }
  return {
    method: request.method,
    path,
    search: url.search.replace(/^\?/, ''),
    ...(bundleType ? { bundleType } : {}),
  };
}

/** Requests that could change data: transactions, creates and updates. */
export function isWriteRequest(request: RecordedRequest): boolean {
  return (
    request.method === 'PUT' ||
    (request.method === 'POST' && (request.path !== '' || request.bundleType === 'transaction'))
  );
}
