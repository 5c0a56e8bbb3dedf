/**
 * A small in-memory FHIR R4 server as msw handlers, with a fault injector: just enough of the
 * RESTful API (https://hl7.org/fhir/R4/http.html) to prove that PeerBridge's writes survive every
 * failure without writing anything twice.
 *
 * It supports: `POST [base]` with a transaction (conditional creates on `identifier=` or `_tag=`,
 * `PUT` with `If-Match`, urn:uuid references rewritten, all or nothing) or a batch of reads;
 * `POST [base]/[type]` with `If-None-Exist`; `PUT [base]/[type]/[id]` with `If-Match`;
 * `GET [base]/[type]/[id]`; `GET [base]/[type]?identifier=|_tag=`; `GET [base]/metadata`.
 */
import type {
  Bundle,
  BundleEntry,
  CapabilityStatement,
  FhirResource,
  OperationOutcome,
  OperationOutcomeIssue,
} from 'fhir/r4';
import { http, HttpResponse, type HttpHandler } from 'msw';

export const STORE_BASE = 'https://ehr.example.test/fhir';

/** The types the store's CapabilityStatement lists (the store itself takes any). */
const STATED_TYPES = [
  'Patient',
  'Practitioner',
  'PractitionerRole',
  'Encounter',
  'Observation',
  'Goal',
  'Task',
  'Provenance',
  'DocumentReference',
  'Communication',
];

/** HTTP error statuses the injector can answer with; each carries an OperationOutcome. */
export type FaultStatus = 400 | 401 | 403 | 404 | 409 | 412 | 422 | 429 | 500 | 502 | 503;

/**
 * What goes wrong with a request:
 * - an HTTP status with an OperationOutcome (429 and 503 also send Retry-After);
 * - `network`: the connection fails (no answer at all);
 * - `timeout`: the server never answers;
 * - `html`: a 200 whose body is an HTML page (a proxy's sign-in page);
 * - `html-502`: a gateway's HTML error page;
 * - `truncated`: a 200 whose JSON is cut off part-way (the write was applied);
 * - `drop-after-commit`: the store applies the write, then the answer is lost as a network error.
 */
export type Fault =
  FaultStatus | 'network' | 'timeout' | 'html' | 'html-502' | 'truncated' | 'drop-after-commit';

export interface RecordedRequest {
  readonly method: string;
  /** Relative to the base, without the query: '' for the base itself, 'Encounter/1', 'metadata'. */
  readonly path: string;
  readonly search: string;
  /** The Bundle.type of a POST to the base. */
  readonly bundleType?: string;
  readonly fault?: Fault;
}

export interface FaultOptions {
  /** The Retry-After header of a 429 or 503, in seconds (default 1). */
  readonly retryAfterSeconds?: number;
  /**
   * Whether the store applies the write before the fault. Defaults to true for `truncated` and
   * `drop-after-commit` and false for every other fault.
   */
  readonly commit?: boolean;
  /** Which requests the fault hits (default: every request). */
  readonly when?: (request: RecordedRequest) => boolean;
}

export interface FhirStoreOptions {
  readonly base?: string;
  /** Whether the server offers transactions (in metadata and at the base); default true. */
  readonly transaction?: boolean;
  /** Whether the server offers batches; default true. */
  readonly batch?: boolean;
  /**
   * How writes are answered: `as-asked` honours `Prefer: return=representation` (the default);
   * `location-only` never sends the resource back; `empty` sends no body and no Location at all.
   */
  readonly replies?: 'as-asked' | 'location-only' | 'empty';
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

interface PendingFault {
  remaining: number;
  readonly fault: Fault;
  readonly options: FaultOptions;
}

type Stored = Map<string, FhirResource>;

/** Thrown inside the store to answer with an error status and an OperationOutcome. */
class StoreError extends Error {
  constructor(
    readonly status: number,
    readonly code: OperationOutcomeIssue['code'],
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

function storeError(status: number, code: OperationOutcomeIssue['code'], message: string): StoreError {
  return new StoreError(status, code, message);
}

const FAULT_OUTCOMES: Record<FaultStatus, { code: OperationOutcomeIssue['code']; text: string }> = {
  400: { code: 'invalid', text: 'The request could not be understood.' },
  401: { code: 'login', text: 'The access token has expired.' },
  403: { code: 'forbidden', text: 'The user may not write Observations.' },
  404: { code: 'not-found', text: 'The resource type is not known here.' },
  409: { code: 'conflict', text: 'Another request is changing this resource.' },
  412: { code: 'conflict', text: 'The resource has changed since it was read.' },
  422: { code: 'processing', text: 'Observation.status is not a valid code.' },
  429: { code: 'throttled', text: 'Too many requests.' },
  500: { code: 'exception', text: 'Internal server error.' },
  502: { code: 'transient', text: 'Bad gateway.' },
  503: { code: 'transient', text: 'The server is down for maintenance.' },
};

function outcomeOf(code: OperationOutcomeIssue['code'], text: string): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics: text }] };
}

function fhirJson(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return new HttpResponse(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/fhir+json', ...headers },
  });
}

function errorResponse(error: StoreError): Response {
  return fhirJson(outcomeOf(error.code, error.message), error.status);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isResource(value: unknown): value is FhirResource {
  return isRecord(value) && typeof value.resourceType === 'string';
}

function isBundle(value: unknown): value is Bundle {
  return isResource(value) && value.resourceType === 'Bundle';
}

function isOfType<T extends FhirResource['resourceType']>(
  resource: FhirResource,
  resourceType: T,
): resource is ResourceOf<T> {
  return resource.resourceType === resourceType;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

function identifiersOf(resource: FhirResource): { system?: string; value?: string }[] {
  const identifier: unknown = (resource as { identifier?: unknown }).identifier;
  return Array.isArray(identifier) ? identifier.filter(isRecord) : [];
}

function keysOf(resource: FhirResource): string[] {
  const fromIdentifiers = identifiersOf(resource).flatMap((i) =>
    typeof i.value === 'string' ? [`${i.system ?? ''}|${i.value}`] : [],
  );
  const fromTags = (resource.meta?.tag ?? []).flatMap((t) => (t.code ? [`${t.system ?? ''}|${t.code}`] : []));
  return [...fromIdentifiers, ...fromTags];
}

/** Resources of `type` in `stored` that a search such as `identifier=sys|val&_tag=sys|code` finds. */
function search(stored: Stored, type: string, query: string): FhirResource[] {
  const params = new URLSearchParams(query);
  const tests: ((resource: FhirResource) => boolean)[] = [];
  for (const [name, value] of params) {
    const [system, code] = value.includes('|') ? value.split('|', 2) : [undefined, value];
    if (name === 'identifier') {
      tests.push((r) =>
        identifiersOf(r).some((i) => i.value === code && (system === undefined || i.system === system)),
      );
    } else if (name === '_tag') {
      tests.push((r) =>
        (r.meta?.tag ?? []).some((t) => t.code === code && (system === undefined || t.system === system)),
      );
    } else {
      throw storeError(400, 'not-supported', `The search parameter ${name} is not supported here.`);
    }
  }
  if (tests.length === 0) {
    throw storeError(400, 'not-supported', 'A search needs identifier or _tag.');
  }
  return [...stored.values()].filter((r) => r.resourceType === type && tests.every((test) => test(r)));
}

function rewriteReferences(value: unknown, ids: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) {
    return value.map((item: unknown) => rewriteReferences(item, ids));
  }
  if (isRecord(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      copy[key] =
        key === 'reference' && typeof item === 'string'
          ? (ids.get(item) ?? item)
          : rewriteReferences(item, ids);
    }
    return copy;
  }
  return value;
}

function versionOf(resource: FhirResource | undefined): number {
  return Number(resource?.meta?.versionId ?? '0');
}

/** `W/"3"` or `"3"` → '3'. */
function etagVersion(etag: string): string {
  return etag.replace(/^W\//, '').replace(/"/g, '').trim();
}

const HTML_SIGN_IN =
  '<!DOCTYPE html><html><head><title>Sign in</title></head><body><form>Your session at the hospital proxy has ended.</form></body></html>';
const HTML_502 =
  '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>';

export function createFhirStore(options: FhirStoreOptions = {}): FhirStore {
  const base = (options.base ?? STORE_BASE).replace(/\/+$/, '');
  const offersTransaction = options.transaction ?? true;
  const offersBatch = options.batch ?? true;
  const replies = options.replies ?? 'as-asked';
  let stored: Stored = new Map();
  let nextId = 1;
  let clock = Date.parse('2026-11-20T17:05:00Z');
  const requests: RecordedRequest[] = [];
  const faults: PendingFault[] = [];
  const revoked = new Set<string>();

  const tick = (): string => {
    clock += 1000;
    return new Date(clock).toISOString();
  };

  /** The stored form of `resource` as version `version` with id `id`. */
  function version(resource: FhirResource, id: string, versionNumber: number): FhirResource {
    return {
      ...resource,
      id,
      meta: { ...resource.meta, versionId: String(versionNumber), lastUpdated: tick() },
    };
  }

  interface Written {
    readonly resource: FhirResource;
    readonly created: boolean;
  }

  /** A create, conditional when `ifNoneExist` is given; applied to `into`. */
  function create(into: Stored, resource: FhirResource, ifNoneExist: string | undefined): Written {
    if (ifNoneExist) {
      const matches = search(into, resource.resourceType, ifNoneExist);
      if (matches.length > 1) {
        throw storeError(412, 'duplicate', `More than one ${resource.resourceType} matches ${ifNoneExist}.`);
      }
      const [match] = matches;
      if (match) {
        return { resource: match, created: false };
      }
    }
    const written = version(resource, String(nextId++), 1);
    into.set(`${written.resourceType}/${written.id ?? ''}`, written);
    return { resource: written, created: true };
  }

  /** An update, refused with 412 when `ifMatch` names a version that is no longer current. */
  function update(into: Stored, url: string, resource: FhirResource, ifMatch: string | undefined): Written {
    const [type, id] = url.split('/');
    if (!type || !id || type !== resource.resourceType) {
      throw storeError(400, 'invalid', `PUT ${url} does not match the ${resource.resourceType} sent.`);
    }
    const existing = into.get(url);
    if (ifMatch !== undefined && (!existing || String(versionOf(existing)) !== etagVersion(ifMatch))) {
      throw storeError(
        412,
        'conflict',
        `${url} is at version ${String(versionOf(existing))}, not ${etagVersion(ifMatch)}.`,
      );
    }
    const written = version(resource, id, versionOf(existing) + 1);
    into.set(url, written);
    return { resource: written, created: !existing };
  }

  function responseEntry(written: Written, representation: boolean): BundleEntry {
    const { resource } = written;
    const versionId = resource.meta?.versionId ?? '1';
    return {
      fullUrl: `${base}/${resource.resourceType}/${resource.id ?? ''}`,
      ...(representation ? { resource: clone(resource) } : {}),
      response: {
        status: written.created ? '201 Created' : '200 OK',
        location: `${resource.resourceType}/${resource.id ?? ''}/_history/${versionId}`,
        etag: `W/"${versionId}"`,
      },
    };
  }

  /** All or nothing: works on a copy and keeps it only when every entry succeeded. */
  function transaction(bundle: Bundle, representation: boolean): Bundle {
    const working: Stored = new Map(stored);
    const entries = bundle.entry ?? [];
    const ids = new Map<string, string>();
    // First pass: decide every entry's id, so references in any direction can be rewritten.
    const plans = entries.map((entry) => {
      const resource = entry.resource;
      const request = entry.request;
      if (!resource || !request) {
        throw storeError(400, 'invalid', 'Every transaction entry needs a resource and a request.');
      }
      if (request.method === 'POST') {
        const matches = request.ifNoneExist
          ? search(working, resource.resourceType, request.ifNoneExist)
          : [];
        if (matches.length > 1) {
          throw storeError(
            412,
            'duplicate',
            `More than one ${resource.resourceType} matches ${request.ifNoneExist ?? ''}.`,
          );
        }
        const id = matches[0]?.id ?? String(nextId++);
        if (entry.fullUrl) {
          ids.set(entry.fullUrl, `${resource.resourceType}/${id}`);
        }
        return { kind: 'create' as const, entry, resource, id, match: matches[0] };
      }
      if (request.method === 'PUT') {
        if (entry.fullUrl) {
          ids.set(entry.fullUrl, request.url.split('?')[0] ?? request.url);
        }
        return { kind: 'update' as const, entry, resource, id: '', match: undefined };
      }
      throw storeError(400, 'not-supported', `This store does not take ${request.method} in a transaction.`);
    });
    const written = plans.map((plan): Written => {
      const resource = rewriteReferences(plan.resource, ids) as FhirResource;
      if (plan.kind === 'update') {
        return update(working, plan.entry.request?.url ?? '', resource, plan.entry.request?.ifMatch);
      }
      if (plan.match) {
        return { resource: plan.match, created: false };
      }
      const created = version(resource, plan.id, 1);
      working.set(`${created.resourceType}/${plan.id}`, created);
      return { resource: created, created: true };
    });
    stored = working;
    return {
      resourceType: 'Bundle',
      type: 'transaction-response',
      entry: written.map((w) => responseEntry(w, representation)),
    };
  }

  function readOne(url: string): { status: number; resource: FhirResource } {
    const [path = '', query = ''] = url.split('?');
    const [type = '', id] = path.split('/');
    if (id) {
      const found = stored.get(`${type}/${id}`);
      return found
        ? { status: 200, resource: clone(found) }
        : { status: 404, resource: outcomeOf('not-found', `${path} is not here.`) };
    }
    const matches = search(stored, type, query);
    const searchset: Bundle = {
      resourceType: 'Bundle',
      type: 'searchset',
      total: matches.length,
      entry: matches.map((m) => ({
        fullUrl: `${base}/${type}/${m.id ?? ''}`,
        resource: clone(m),
        search: { mode: 'match' },
      })),
    };
    return { status: 200, resource: searchset };
  }

  function batch(bundle: Bundle): Bundle {
    return {
      resourceType: 'Bundle',
      type: 'batch-response',
      entry: (bundle.entry ?? []).map((entry) => {
        if (entry.request?.method !== 'GET') {
          throw storeError(400, 'not-supported', 'This store answers batches of reads only.');
        }
        const { status, resource } = readOne(entry.request.url);
        return { resource, response: { status: status === 200 ? '200 OK' : '404 Not Found' } };
      }),
    };
  }

  function capabilityStatement(): CapabilityStatement {
    return {
      resourceType: 'CapabilityStatement',
      status: 'active',
      date: '2026-11-01',
      kind: 'instance',
      fhirVersion: '4.0.1',
      format: ['json'],
      rest: [
        {
          mode: 'server',
          interaction: [
            ...(offersTransaction ? [{ code: 'transaction' as const }] : []),
            ...(offersBatch ? [{ code: 'batch' as const }] : []),
          ],
          // What this store does for every type: create (also conditional), read, update, search.
          resource: STATED_TYPES.map((type) => ({
            type,
            interaction: (['create', 'read', 'update', 'search-type'] as const).map((code) => ({ code })),
            conditionalCreate: true,
            searchParam: ['identifier', '_tag', 'patient', 'encounter'].map((name) => ({
              name,
              type: 'token' as const,
            })),
          })),
        },
      ],
    };
  }

  function writtenResponse(written: Written, representation: boolean): Response {
    const { resource } = written;
    const versionId = resource.meta?.versionId ?? '1';
    const headers = {
      Location: `${base}/${resource.resourceType}/${resource.id ?? ''}/_history/${versionId}`,
      ETag: `W/"${versionId}"`,
    };
    const status = written.created ? 201 : 200;
    if (replies === 'empty') {
      return new HttpResponse(null, { status });
    }
    return representation
      ? fhirJson(clone(resource), status, headers)
      : new HttpResponse(null, { status, headers });
  }

  /** The store's own answer to a request, applying any write it asks for. */
  function answer(method: string, path: string, search: string, body: unknown, headers: Headers): Response {
    const representation =
      replies === 'as-asked' && (headers.get('Prefer') ?? '').includes('return=representation');
    if (method === 'GET' && path === 'metadata') {
      return fhirJson(capabilityStatement(), 200);
    }
    if (method === 'POST' && path === '') {
      if (!isBundle(body)) {
        throw storeError(400, 'invalid', 'POST to the base needs a Bundle.');
      }
      if (body.type === 'transaction') {
        if (!offersTransaction) {
          throw storeError(501, 'not-supported', 'This server does not support transactions.');
        }
        const response = transaction(body, representation);
        return replies === 'empty' ? new HttpResponse(null, { status: 200 }) : fhirJson(response, 200);
      }
      if (body.type === 'batch') {
        if (!offersBatch) {
          throw storeError(501, 'not-supported', 'This server does not support batches.');
        }
        return fhirJson(batch(body), 200);
      }
      throw storeError(400, 'invalid', `Bundle.type ${body.type} cannot be posted to the base.`);
    }
    const segments = path.split('/');
    if (method === 'POST' && segments.length === 1 && isResource(body)) {
      return writtenResponse(create(stored, body, headers.get('If-None-Exist') ?? undefined), representation);
    }
    if (method === 'PUT' && segments.length === 2 && isResource(body)) {
      const next: Stored = new Map(stored);
      const written = update(next, path, body, headers.get('If-Match') ?? undefined);
      stored = next;
      return writtenResponse(written, representation);
    }
    if (method === 'GET') {
      const { status, resource } = readOne(search ? `${path}?${search}` : path);
      return fhirJson(resource, status);
    }
    throw storeError(400, 'not-supported', `${method} ${path} is not supported by this store.`);
  }

  function takeFault(request: RecordedRequest): PendingFault | undefined {
    const pending = faults.find((f) => f.remaining > 0 && (f.options.when?.(request) ?? true));
    if (pending) {
      pending.remaining -= 1;
    }
    return pending;
  }

  function faultResponse(
    fault: Fault,
    options: FaultOptions,
    committed: Response | undefined,
  ): Promise<Response> | Response {
    if (typeof fault === 'number') {
      const { code, text } = FAULT_OUTCOMES[fault];
      const wait =
        fault === 429 || fault === 503
          ? { 'Retry-After': String(options.retryAfterSeconds ?? 1) }
          : undefined;
      return fhirJson(outcomeOf(code, text), fault, wait);
    }
    switch (fault) {
      case 'network':
      case 'drop-after-commit':
        return HttpResponse.error();
      case 'timeout':
        return new Promise<Response>(() => undefined);
      case 'html':
        return HttpResponse.html(HTML_SIGN_IN, { status: 200 });
      case 'html-502':
        return HttpResponse.html(HTML_502, { status: 502 });
      case 'truncated':
        return (committed ? committed.text() : Promise.resolve('')).then((text) => {
          const full =
            text.length > 20
              ? text
              : '{"resourceType":"Bundle","type":"transaction-response","entry":[{"response":{"status":"201 Created"}}]}';
          return new HttpResponse(full.slice(0, Math.floor(full.length / 2)), {
            status: 200,
            headers: { 'Content-Type': 'application/fhir+json' },
          });
        });
    }
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname.slice(new URL(base).pathname.length).replace(/^\/+/, '');
    const text = request.method === 'GET' ? '' : await request.text();
    let body: unknown;
    try {
      body = text ? (JSON.parse(text) as unknown) : undefined;
    } catch {
      return errorResponse(storeError(400, 'structure', 'The body is not JSON.'));
    }
    const seen: RecordedRequest = {
      method: request.method,
      path,
      search: url.search.replace(/^\?/, ''),
      ...(isBundle(body) && path === '' ? { bundleType: body.type } : {}),
    };
    const token = (request.headers.get('Authorization') ?? '').replace(/^Bearer /, '');
    if (revoked.has(token)) {
      requests.push(seen);
      return errorResponse(storeError(401, 'login', 'The access token has expired.'));
    }
    const pending = takeFault(seen);
    requests.push(pending ? { ...seen, fault: pending.fault } : seen);
    const commit = pending
      ? (pending.options.commit ?? (pending.fault === 'truncated' || pending.fault === 'drop-after-commit'))
      : true;
    let committed: Response | undefined;
    if (commit) {
      try {
        committed = answer(request.method, path, seen.search, body, request.headers);
      } catch (error) {
        if (error instanceof StoreError) {
          committed = errorResponse(error);
        } else {
          throw error;
        }
      }
    }
    if (pending) {
      return faultResponse(pending.fault, pending.options, committed);
    }
    return committed ?? errorResponse(storeError(500, 'exception', 'The store gave no answer.'));
  }

  const resolver = ({ request }: { request: Request }) => handle(request);

  return {
    base,
    handlers: [http.all(base, resolver), http.all(`${base}/*`, resolver)],
    requests,
    failNext(count, fault, faultOptions = {}) {
      faults.push({ remaining: count, fault, options: faultOptions });
    },
    pendingFaults() {
      return faults.reduce((sum, f) => sum + f.remaining, 0);
    },
    writeRequests() {
      return requests.filter(
        (r) =>
          r.method === 'PUT' || (r.method === 'POST' && (r.path !== '' || r.bundleType === 'transaction')),
      );
    },
    revokeToken(token) {
      revoked.add(token);
    },
    all(resourceType) {
      return [...stored.values()].filter((r) => r.resourceType === resourceType).map(clone);
    },
    count(resourceType) {
      return [...stored.values()].filter((r) => r.resourceType === resourceType).length;
    },
    counts() {
      const counts: Record<string, number> = {};
      for (const resource of stored.values()) {
        counts[resource.resourceType] = (counts[resource.resourceType] ?? 0) + 1;
      }
      return counts;
    },
    read(resourceType, id) {
      const found = stored.get(`${resourceType}/${id}`);
      return found ? clone(found) : undefined;
    },
    withKey(key) {
      return [...stored.values()].filter((r) => keysOf(r).some((k) => k.endsWith(`|${key}`))).map(clone);
    },
    duplicateKeys() {
      const seenKeys = new Map<string, number>();
      for (const resource of stored.values()) {
        for (const key of new Set(keysOf(resource))) {
          seenKeys.set(key, (seenKeys.get(key) ?? 0) + 1);
        }
      }
      return [...seenKeys].filter(([, n]) => n > 1).map(([key]) => key);
    },
    changeElsewhere(resourceType, id, change) {
      const url = `${resourceType}/${id}`;
      const existing = stored.get(url);
      if (!existing || !isOfType(existing, resourceType)) {
        throw new Error(`changeElsewhere: ${url} is not in the store; save the note first.`);
      }
      const next: Stored = new Map(stored);
      next.set(url, version(change(clone(existing)), id, versionOf(existing) + 1));
      stored = next;
    },
  };
}
