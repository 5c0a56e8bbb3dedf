/**
 * The fake FHIR server as unit tests use it: empty, with predictable ids and times, behind msw with
 * the fault layer, and with ways to look inside (what was stored, what was asked, what was written
 * twice). `server.use(...createFhirStore().handlers)` in a test's msw `setupServer`.
 */
import type { FhirResource } from 'fhir/r4';
import { http, type HttpHandler } from 'msw';
import type { Fault, FaultOptions } from './faults';
import { createFaultLayer } from './faults';
import type { OfferedBundles } from './capability-statement';
import { MemoryFhirServer } from './memory-fhir-server';
import type { WriteAnswer } from './msw-handlers';
import { answerFhirRequest, fhirJson } from './msw-handlers';
import { unauthorized } from './outcomes';
import type { RecordedRequest } from './recorded-request';
import { isWriteRequest, recordRequest } from './recorded-request';

export type { Fault, FaultOptions, FaultStatus } from './faults';
export type { RecordedRequest } from './recorded-request';

export const STORE_BASE = 'https://ehr.example.test/fhir';

export interface FhirStoreOptions extends OfferedBundles {
  readonly base?: string;
  /** How writes are answered (default `representation`); see `WriteAnswer`. */
  readonly replies?: WriteAnswer;
}

export type ResourceOf<T extends FhirResource['resourceType']> = Extract<FhirResource, { resourceType: T }>;

export interface FhirStore {
  readonly base: string;
  readonly handlers: readonly HttpHandler[];
  /** Every request that reached the store, oldest first. */
  readonly requests: readonly RecordedRequest[];
  /** The next `count` requests that `options.when` accepts meet `fault`. */
  failNext(count: number, fault: Fault, options?: FaultOptions): void;
  /** Faults still waiting for a request. */
  pendingFaults(): number;
  /** Requests that could change data: transactions, creates and updates. */
  writeRequests(): RecordedRequest[];
  /** From now on the store answers 401 to this bearer token, as to an expired one. */
  revokeToken(token: string): void;
  /** The stored resources of one type, current versions, as copies. */
  all(resourceType: string): FhirResource[];
  count(resourceType: string): number;
  /** How many resources of each type are stored. */
  counts(): Record<string, number>;
  read(resourceType: string, id: string): FhirResource | undefined;
  /** The resources carrying this resource key, as identifier value or meta.tag code. */
  withKey(key: string): FhirResource[];
  /** Keys carried by more than one stored resource: a write that happened twice. */
  duplicateKeys(): string[];
  /** Someone else edits a resource (another workstation): a new version, as the server would keep it. */
  changeElsewhere<T extends FhirResource['resourceType']>(
    resourceType: T,
    id: string,
    change: (resource: ResourceOf<T>) => ResourceOf<T>,
  ): void;
}

function isOfType<T extends FhirResource['resourceType']>(
  resource: FhirResource,
  resourceType: T,
): resource is ResourceOf<T> {
  return resource.resourceType === resourceType;
}

/** `system|value` of every identifier and `system|code` of every meta.tag: what makes a write unique. */
function keysOf(resource: FhirResource): string[] {
  const identifier: unknown = (resource as { identifier?: unknown }).identifier;
  const identifiers = Array.isArray(identifier)
    ? (identifier as { system?: unknown; value?: unknown }[])
    : [];
  const fromIdentifiers = identifiers.flatMap((i) =>
    typeof i.value === 'string' ? [`${typeof i.system === 'string' ? i.system : ''}|${i.value}`] : [],
  );
  const fromTags = (resource.meta?.tag ?? []).flatMap((t) => (t.code ? [`${t.system ?? ''}|${t.code}`] : []));
  return [...fromIdentifiers, ...fromTags];
}

export function createFhirStore(options: FhirStoreOptions = {}): FhirStore {
  let nextId = 1;
  let nextVersion = 1;
  let clock = Date.parse('2026-11-20T17:05:00Z');
  const server = new MemoryFhirServer({
    base: options.base ?? STORE_BASE,
    newId: () => String(nextId++),
    newVersionId: () => `v${String(nextVersion++)}`,
    now: () => {
      clock += 1000;
      return new Date(clock).toISOString();
    },
    offers: {
      ...(options.transaction === undefined ? {} : { transaction: options.transaction }),
      ...(options.batch === undefined ? {} : { batch: options.batch }),
    },
  });
  const requests: RecordedRequest[] = [];
  const faults = createFaultLayer();
  const revoked = new Set<string>();
  const clone = <T>(value: T): T => structuredClone(value);

  async function handle(request: Request): Promise<Response> {
    const seen = await recordRequest(server.base, request);
    const token = (request.headers.get('Authorization') ?? '').replace(/^Bearer /, '');
    if (revoked.has(token)) {
      requests.push(seen);
      return fhirJson(401, unauthorized('The access token has expired.'));
    }
    const { fault, response } = faults.respond(seen, () =>
      answerFhirRequest(server, request, options.replies ? { writeAnswer: options.replies } : {}),
    );
    requests.push(fault === undefined ? seen : { ...seen, fault });
    return response;
  }

  const resolver = ({ request }: { request: Request }) => handle(request);

  return {
    base: server.base,
    handlers: [http.all(server.base, resolver), http.all(`${server.base}/*`, resolver)],
    requests,
    failNext: (count, fault, faultOptions) => faults.failNext(count, fault, faultOptions),
    pendingFaults: () => faults.pendingFaults(),
    writeRequests: () => requests.filter(isWriteRequest),
    revokeToken(token) {
      revoked.add(token);
    },
    all: (resourceType) => server.resources(resourceType).map(clone),
    count: (resourceType) => server.resources(resourceType).length,
    counts() {
      const counts: Record<string, number> = {};
      for (const resource of server.resources()) {
        counts[resource.resourceType] = (counts[resource.resourceType] ?? 0) + 1;
      }
      return counts;
    },
    read(resourceType, id) {
      const found = server.read(resourceType, id);
      return found ? clone(found) : undefined;
    },
    withKey: (key) =>
      server
        .resources()
        .filter((r) => keysOf(r).some((k) => k.endsWith(`|${key}`)))
        .map(clone),
    duplicateKeys() {
      const seenKeys = new Map<string, number>();
      for (const resource of server.resources()) {
        for (const key of new Set(keysOf(resource))) {
          seenKeys.set(key, (seenKeys.get(key) ?? 0) + 1);
        }
      }
      return [...seenKeys].filter(([, n]) => n > 1).map(([key]) => key);
    },
    changeElsewhere(resourceType, id, change) {
      const existing = server.read(resourceType, id);
      if (!existing || !isOfType(existing, resourceType)) {
        throw new Error(`changeElsewhere: ${resourceType}/${id} is not in the store; save the note first.`);
      }
      server.replace(change(clone(existing)));
    },
  };
}
