/**
 * A FhirSession over the demo's in-browser FHIR server (mocks/fake-fhir-server/memory-fhir-server.ts), for tests
 * that need real searches (reference lists, date prefixes, paging through `next` links) without a
 * network. `pageSize` makes the server page smaller than the app asks, as servers that cap `_count`
 * do, so paging is exercised.
 */
import type { FhirResource } from 'fhir/r4';
import { MemoryFhirServer } from '../../mocks/fake-fhir-server/memory-fhir-server';
import { FhirHttpError } from '../../src/fhir/fhir-errors';
import type { OfferedBundles } from '../../mocks/fake-fhir-server/capability-statement';
import type { FhirResponse, FhirSession, RequestOptions } from '../../src/fhir/smart-session';

export const MEMORY_BASE = 'https://memory.example.test/fhir';

export interface MemorySession {
  readonly session: FhirSession;
  readonly server: MemoryFhirServer;
  /** Every path requested, relative to the base, as sent (before any page-size cap). */
  readonly sent: string[];
  /** Every request as `METHOD path`, writes included. */
  readonly calls: string[];
}

export function memoryFhirSession(
  seed: readonly FhirResource[],
  options: {
    pageSize?: number;
    /** A status to refuse a request with; writes also see their method and body. */
    refuse?: (path: string, method: string, body: unknown) => number | undefined;
    /** Which Bundle types the base takes (default: transaction and batch). */
    offers?: OfferedBundles;
    /** The token's scope (default: user-level reads of everything). */
    grantedScope?: string;
  } = {},
): MemorySession {
  let next = 0;
  const server = new MemoryFhirServer({
    base: MEMORY_BASE,
    seed: [...seed],
    newId: () => `new-${++next}`,
    now: () => '2026-01-01T00:00:00Z',
    ...(options.offers ? { offers: options.offers } : {}),
  });
  const sent: string[] = [];
  const calls: string[] = [];
  const session: FhirSession = {
    context: {
      serverUrl: MEMORY_BASE,
      launchKey: 'memory-launch',
      needPatientBanner: false,
      grantedScope: options.grantedScope ?? 'openid fhirUser user/*.rs',
    },
    request(path: string, init: RequestOptions = {}): Promise<FhirResponse> {
      const relative = path.startsWith(`${MEMORY_BASE}/`) ? path.slice(MEMORY_BASE.length + 1) : path;
      const method = init.method ?? 'GET';
      sent.push(relative);
      calls.push(`${method} ${relative}`);
      const refused = options.refuse?.(relative, method, init.body);
      if (refused !== undefined) {
        return Promise.reject(new FhirHttpError(refused, undefined));
      }
      const capped =
        options.pageSize === undefined
          ? relative
          : relative.replace(/([?&]_count=)\d+/, `$1${String(options.pageSize)}`);
      const reply = server.handle({
        method,
        path: capped,
        ...(init.body === undefined ? {} : { body: init.body }),
        ifNoneExist: init.headers?.['If-None-Exist'],
        ifMatch: init.headers?.['If-Match'],
      });
      if (reply.status >= 400) {
        const outcome = reply.body?.resourceType === 'OperationOutcome' ? reply.body : undefined;
        return Promise.reject(new FhirHttpError(reply.status, outcome));
      }
      return Promise.resolve({ status: reply.status, body: reply.body, headers: new Headers(reply.headers) });
    },
  };
  return { session, server, sent, calls };
}
