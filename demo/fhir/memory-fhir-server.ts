/**
 * The demo's FHIR R4 server, in the visitor's browser: the synthetic record in memory, and just the
 * RESTful API PeerBridge uses (https://hl7.org/fhir/R4/http.html): read, search with _include,
 * _revinclude, _sort, _count and paging, create and update (conditional on If-None-Exist and
 * If-Match), batch of reads, and all-or-nothing transactions with conditional creates.
 */
import type { Bundle, BundleEntry, CapabilityStatement, FhirResource, OperationOutcome } from 'fhir/r4';
import {
  searchableTypes,
  findSearchParam,
  matches,
  relativeReference,
  sortKey,
  valuesAt,
} from './search-params';

export interface FhirReply {
  readonly status: number;
  readonly body?: FhirResource;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface FhirCall {
  readonly method: string;
  /** Relative to the base, with the query: '' for the base, 'Patient/1', 'Encounter?patient=…'. */
  readonly path: string;
  readonly body?: unknown;
  readonly ifNoneExist?: string;
  readonly ifMatch?: string;
}

class FhirProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'FhirProblem';
  }
}

const CONTROL_PARAMS = new Set(['_count', '_sort', '_include', '_revinclude', '_include:iterate', '_offset']);

function outcome(message: string): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code: 'processing', diagnostics: message }],
  };
}

function isResource(value: unknown): value is FhirResource {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { resourceType?: unknown }).resourceType === 'string'
  );
}

function rewriteReferences(value: unknown, ids: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) {
    return value.map((item: unknown) => rewriteReferences(item, ids));
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]: [string, unknown]) => [
        key,
        key === 'reference' && typeof item === 'string'
          ? (ids.get(item) ?? item)
          : rewriteReferences(item, ids),
      ]),
    );
  }
  return value;
}

export class MemoryFhirServer {
  private stored = new Map<string, FhirResource>();
  /** Keys written since the seed: what the demo keeps across page loads. */
  private readonly written = new Set<string>();

  constructor(
    private readonly base: string,
    seed: readonly FhirResource[],
    private readonly newId: () => string,
    private readonly now: () => string,
  ) {
    for (const resource of seed) {
      this.stored.set(`${resource.resourceType}/${resource.id ?? ''}`, resource);
    }
  }

  /** Resources written in this demo session, to restore after a reload. */
  writtenResources(): FhirResource[] {
    return [...this.written].flatMap((key) => {
      const resource = this.stored.get(key);
      return resource ? [resource] : [];
    });
  }

  restore(resources: readonly FhirResource[]): void {
    for (const resource of resources) {
      const key = `${resource.resourceType}/${resource.id ?? ''}`;
      this.stored.set(key, resource);
      this.written.add(key);
    }
  }

  handle(call: FhirCall): FhirReply {
    try {
      return this.route(call);
    } catch (error) {
      const problem = error instanceof FhirProblem ? error : new FhirProblem(500, String(error));
      return { status: problem.status, body: outcome(problem.message) };
    }
  }

  private route(call: FhirCall): FhirReply {
    const [path = '', query = ''] = call.path.split('?', 2);
    const parts = path.split('/').filter((part) => part !== '');
    const [type, id] = parts;
    if (call.method === 'GET' && type === 'metadata') {
      return { status: 200, body: this.capabilityStatement() };
    }
    if (call.method === 'POST' && type === undefined) {
      return { status: 200, body: this.bundle(call.body) };
    }
    if (call.method === 'GET' && type !== undefined && id !== undefined && parts.length === 2) {
      return this.read(type, id);
    }
    if (call.method === 'GET' && type !== undefined && parts.length === 1) {
      return { status: 200, body: this.search(type, new URLSearchParams(query)) };
    }
    if (call.method === 'POST' && type !== undefined && parts.length === 1 && isResource(call.body)) {
      const [resource, created] = this.create(call.body, call.ifNoneExist);
      return this.written201(resource, created);
    }
    if (call.method === 'PUT' && type !== undefined && id !== undefined && isResource(call.body)) {
      const [resource, created] = this.update(`${type}/${id}`, call.body, call.ifMatch);
      return this.written201(resource, created);
    }
    throw new FhirProblem(400, `The demo server does not support ${call.method} ${path}.`);
  }

  private written201(resource: FhirResource, created: boolean): FhirReply {
    const version = resource.meta?.versionId ?? '1';
    return {
      status: created ? 201 : 200,
      body: resource,
      headers: {
        Location: `${this.base}/${resource.resourceType}/${resource.id ?? ''}/_history/${version}`,
        ETag: `W/"${version}"`,
      },
    };
  }

  private read(type: string, id: string): FhirReply {
    const found = this.stored.get(`${type}/${id}`);
    return found
      ? { status: 200, body: found, headers: { ETag: `W/"${found.meta?.versionId ?? '1'}"` } }
      : { status: 404, body: outcome(`${type}/${id} is not in the demo record.`) };
  }

  private find(type: string, params: URLSearchParams): FhirResource[] {
    const tests: ((resource: FhirResource) => boolean)[] = [];
    for (const [name, value] of params) {
      if (CONTROL_PARAMS.has(name)) {
        continue;
      }
      const param = findSearchParam(type, name);
      if (!param) {
        throw new FhirProblem(400, `The demo server does not support searching ${type} by ${name}.`);
      }
      tests.push((resource) => matches(resource, param, value));
    }
    return [...this.stored.values()].filter((r) => r.resourceType === type && tests.every((test) => test(r)));
  }

  private sorted(type: string, found: FhirResource[], sort: string | null): FhirResource[] {
    if (!sort) {
      return found;
    }
    const descending = sort.startsWith('-');
    const param = findSearchParam(type, sort.replace(/^-/, ''));
    if (!param) {
      throw new FhirProblem(400, `The demo server cannot sort ${type} by ${sort}.`);
    }
    const ordered = [...found].sort((a, b) => sortKey(a, param).localeCompare(sortKey(b, param)));
    return descending ? ordered.reverse() : ordered;
  }

  /** `Type:param[:Target]` from the resources given: what their references point to. */
  private included(spec: string, from: readonly FhirResource[]): FhirResource[] {
    const [type = '', name = '', target] = spec.split(':');
    const param = findSearchParam(type, name);
    return from
      .filter((r) => r.resourceType === type && param)
      .flatMap((r) => (param ? valuesAt(r, param.path) : []))
      .flatMap((value) => {
        const reference = (value as { reference?: unknown }).reference;
        const key = typeof reference === 'string' ? relativeReference(reference) : '';
        const found = this.stored.get(key);
        return found && (target === undefined || found.resourceType === target) ? [found] : [];
      });
  }

  /** `Type:param`: resources of Type whose param points at one of the matches. */
  private revIncluded(spec: string, to: readonly FhirResource[]): FhirResource[] {
    const [type = '', name = ''] = spec.split(':');
    const param = findSearchParam(type, name);
    if (!param) {
      throw new FhirProblem(400, `The demo server does not support _revinclude=${spec}.`);
    }
    const keys = to.map((r) => `${r.resourceType}/${r.id ?? ''}`);
    return [...this.stored.values()].filter(
      (r) => r.resourceType === type && keys.some((key) => matches(r, param, key)),
    );
  }

  search(type: string, params: URLSearchParams): Bundle {
    const all = this.sorted(type, this.find(type, params), params.get('_sort'));
    const count = Number(params.get('_count') ?? '50');
    const offset = Number(params.get('_offset') ?? '0');
    const page = all.slice(offset, offset + count);
    const extra = [
      ...params.getAll('_include').flatMap((spec) => this.included(spec, page)),
      ...params.getAll('_revinclude').flatMap((spec) => this.revIncluded(spec, page)),
    ];
    const iterated = params.getAll('_include:iterate').flatMap((spec) => this.included(spec, extra));
    const pageKeys = new Set(page.map((r) => `${r.resourceType}/${r.id ?? ''}`));
    const includes = new Map<string, FhirResource>();
    for (const resource of [...extra, ...iterated]) {
      const key = `${resource.resourceType}/${resource.id ?? ''}`;
      if (!pageKeys.has(key)) {
        includes.set(key, resource);
      }
    }
    const next = new URLSearchParams(params);
    next.set('_offset', String(offset + count));
    return {
      resourceType: 'Bundle',
      type: 'searchset',
      total: all.length,
      link: [
        { relation: 'self', url: `${this.base}/${type}?${params.toString()}` },
        ...(offset + count < all.length
          ? [{ relation: 'next', url: `${this.base}/${type}?${next.toString()}` }]
          : []),
      ],
      entry: [
        ...page.map((resource): BundleEntry => ({
          fullUrl: this.fullUrl(resource),
          resource,
          search: { mode: 'match' },
        })),
        ...[...includes.values()].map((resource): BundleEntry => ({
          fullUrl: this.fullUrl(resource),
          resource,
          search: { mode: 'include' },
        })),
      ],
    };
  }

  private fullUrl(resource: FhirResource): string {
    return `${this.base}/${resource.resourceType}/${resource.id ?? ''}`;
  }

  private stamp(resource: FhirResource, id: string, version: number): FhirResource {
    return {
      ...resource,
      id,
      meta: { ...resource.meta, versionId: String(version), lastUpdated: this.now() },
    };
  }

  private create(
    resource: FhirResource,
    ifNoneExist: string | undefined,
    into = this.stored,
  ): [FhirResource, boolean] {
    if (ifNoneExist) {
      const found = this.find(resource.resourceType, new URLSearchParams(ifNoneExist)).filter((r) =>
        into.has(`${r.resourceType}/${r.id ?? ''}`),
      );
      if (found.length > 1) {
        throw new FhirProblem(412, `More than one ${resource.resourceType} matches ${ifNoneExist}.`);
      }
      if (found[0]) {
        return [found[0], false];
      }
    }
    const created = this.stamp(resource, resource.id ?? this.newId(), 1);
    this.put(into, created);
    return [created, true];
  }

  private update(
    key: string,
    resource: FhirResource,
    ifMatch: string | undefined,
    into = this.stored,
  ): [FhirResource, boolean] {
    const [type, id = ''] = key.split('/');
    if (type !== resource.resourceType) {
      throw new FhirProblem(400, `PUT ${key} does not match the ${resource.resourceType} sent.`);
    }
    const existing = into.get(key);
    const current = existing?.meta?.versionId ?? '0';
    if (ifMatch !== undefined && ifMatch.replace(/^W\//, '').replace(/"/g, '') !== current) {
      throw new FhirProblem(412, `${key} has changed since it was read (now version ${current}).`);
    }
    const updated = this.stamp(resource, id, Number(current) + 1);
    this.put(into, updated);
    return [updated, existing === undefined];
  }

  private put(into: Map<string, FhirResource>, resource: FhirResource): void {
    const key = `${resource.resourceType}/${resource.id ?? ''}`;
    into.set(key, resource);
    if (into === this.stored) {
      this.written.add(key);
    }
  }

  private bundle(body: unknown): Bundle {
    if (!isResource(body) || body.resourceType !== 'Bundle') {
      throw new FhirProblem(400, 'A POST to the base must carry a batch or transaction Bundle.');
    }
    if (body.type === 'batch') {
      return {
        resourceType: 'Bundle',
        type: 'batch-response',
        entry: (body.entry ?? []).map((e) => this.batchEntry(e)),
      };
    }
    if (body.type === 'transaction') {
      return this.transaction(body);
    }
    throw new FhirProblem(400, `The demo server takes batch and transaction Bundles, not ${body.type}.`);
  }

  private batchEntry(entry: BundleEntry): BundleEntry {
    const request = entry.request;
    const reply =
      request?.method === 'GET'
        ? this.handle({ method: 'GET', path: request.url })
        : { status: 400, body: outcome('The demo server takes only reads in a batch.') };
    return { ...(reply.body ? { resource: reply.body } : {}), response: { status: String(reply.status) } };
  }

  /** All or nothing: works on a copy, kept only when every entry succeeded. */
  private transaction(bundle: Bundle): Bundle {
    const working = new Map(this.stored);
    const entries = bundle.entry ?? [];
    const ids = new Map<string, string>();
    for (const entry of entries) {
      if (entry.request?.method === 'POST' && entry.fullUrl && entry.resource) {
        const existing = entry.request.ifNoneExist
          ? this.find(entry.resource.resourceType, new URLSearchParams(entry.request.ifNoneExist))[0]
          : undefined;
        ids.set(entry.fullUrl, `${entry.resource.resourceType}/${existing?.id ?? this.newId()}`);
      }
    }
    const results = entries.map((entry): [FhirResource, boolean] => {
      const { request } = entry;
      if (!request || !isResource(entry.resource)) {
        throw new FhirProblem(400, 'Every transaction entry needs a request and a resource.');
      }
      const resource = rewriteReferences(entry.resource, ids) as FhirResource;
      if (request.method === 'POST') {
        const id = entry.fullUrl ? ids.get(entry.fullUrl)?.split('/')[1] : undefined;
        return this.create({ ...resource, ...(id ? { id } : {}) }, request.ifNoneExist, working);
      }
      if (request.method === 'PUT') {
        return this.update(request.url.split('?')[0] ?? '', resource, request.ifMatch, working);
      }
      throw new FhirProblem(400, `The demo server does not take ${request.method} in a transaction.`);
    });
    for (const [key, resource] of working) {
      if (this.stored.get(key) !== resource) {
        this.stored.set(key, resource);
        this.written.add(key);
      }
    }
    return {
      resourceType: 'Bundle',
      type: 'transaction-response',
      entry: results.map(([resource, created]) => ({
        fullUrl: this.fullUrl(resource),
        resource,
        response: {
          status: created ? '201 Created' : '200 OK',
          location: `${resource.resourceType}/${resource.id ?? ''}/_history/${resource.meta?.versionId ?? '1'}`,
          etag: `W/"${resource.meta?.versionId ?? '1'}"`,
        },
      })),
    };
  }

  private capabilityStatement(): CapabilityStatement {
    return {
      resourceType: 'CapabilityStatement',
      status: 'active',
      date: '2025-01-01',
      kind: 'instance',
      fhirVersion: '4.0.1',
      format: ['json'],
      software: { name: 'PeerBridge demo server (in the browser)' },
      // What this server really answers, so the app's write plan and reads follow it as on any EHR.
      rest: [
        {
          mode: 'server',
          interaction: [{ code: 'transaction' }, { code: 'batch' }],
          resource: searchableTypes().map(({ type, params }) => ({
            type,
            interaction: [{ code: 'read' }, { code: 'search-type' }, { code: 'create' }, { code: 'update' }],
            conditionalCreate: true,
            searchParam: [...params, '_count', '_sort'].map((name) => ({ name, type: 'token' as const })),
            searchInclude: ['*'],
            searchRevInclude: ['*'],
          })),
        },
      ],
    };
  }
}
