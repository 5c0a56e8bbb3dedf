/**
 * PeerBridge's fake FHIR R4 server, in memory and in the browser: the demo build serves it through
 * msw's service worker and the unit tests through msw in Node (`msw-handlers.ts`). Just the RESTful
 * API PeerBridge uses (https://hl7.org/fhir/R4/http.html): read, vread, search with _include,
 * _revinclude, _sort, _count and paging, create (conditional on If-None-Exist), update (conditional
 * on If-Match), batch, and all-or-nothing transactions with urn:uuid references rewritten.
 * The Medplum-engine sandbox (`mocks/sandbox`) is the Node-side fake; the contract tests in
 * `tests/mocks/fhir-contract/` hold both to the same answers.
 */
import type { Bundle, FhirResource } from 'fhir/r4';
import { isBundle } from '../../src/domain/guards';
import { processBatch, processTransaction } from './bundles';
import type { OfferedBundles } from './capability-statement';
import { capabilityStatement } from './capability-statement';
import { parseETag } from './etag';
import type { FhirCall, FhirReply } from './fhir-call';
import type { ServerClock, Written } from './interactions';
import {
  createResource,
  readResource,
  readVersion,
  requireResource,
  stamp,
  updateResource,
} from './interactions';
import { badRequest, notSupported, OperationOutcomeError, toOperationOutcomeError } from './outcomes';
import { keyOf, ResourceVersions } from './resource-versions';
import { searchBundle } from './search';

export interface MemoryFhirServerOptions extends ServerClock {
  /** The FHIR base the server answers under, for fullUrls and Location headers. */
  readonly base: string;
  readonly seed?: readonly FhirResource[];
  /** Which Bundle types the base takes (and /metadata lists). */
  readonly offers?: OfferedBundles;
}

export class MemoryFhirServer {
  readonly base: string;
  private record = ResourceVersions.empty();
  /** Keys written since the seed: what the demo keeps across page loads. */
  private readonly written = new Set<string>();
  private readonly clock: ServerClock;
  private readonly offers: OfferedBundles;

  constructor(options: MemoryFhirServerOptions) {
    this.base = options.base.replace(/\/+$/, '');
    this.clock = options;
    this.offers = options.offers ?? {};
    // A seed resource without a version gets one, as it would loading into any server.
    for (const resource of options.seed ?? []) {
      this.record.put(
        resource.meta?.versionId ? resource : stamp(this.clock, resource, resource.id ?? options.newId()),
      );
    }
  }

  handle(call: FhirCall): FhirReply {
    try {
      return this.route(call);
    } catch (error) {
      const refusal = toOperationOutcomeError(error);
      return { status: refusal.status, body: refusal.outcome };
    }
  }

  /** The current version of every resource (of one type, when given). */
  resources(resourceType?: string): FhirResource[] {
    return this.record.all().filter((r) => resourceType === undefined || r.resourceType === resourceType);
  }

  read(resourceType: string, id: string): FhirResource | undefined {
    return this.record.current(`${resourceType}/${id}`);
  }

  /** Stores a new version as another client would, without conditions (someone else's edit). */
  replace(resource: FhirResource): FhirResource {
    return this.commit(() => updateResource(this.clock, this.record, keyOf(resource), resource, undefined))
      .resource;
  }

  /** Resources written since the seed, to restore after a reload. */
  writtenResources(): FhirResource[] {
    return [...this.written].flatMap((key) => {
      const resource = this.record.current(key);
      return resource ? [resource] : [];
    });
  }

  restore(resources: readonly FhirResource[]): void {
    for (const resource of resources) {
      this.record.put(resource);
      this.written.add(keyOf(resource));
    }
  }

  private route(call: FhirCall): FhirReply {
    const [path = '', query = ''] = call.path.split('?', 2);
    const parts = path.split('/').filter((part) => part !== '');
    const [type, id, history, versionId] = parts;
    if (call.method === 'GET' && type === 'metadata' && parts.length === 1) {
      return { status: 200, body: capabilityStatement(this.offers) };
    }
    if (call.method === 'POST' && type === undefined) {
      return { status: 200, body: this.bundle(call.body) };
    }
    if (call.method === 'GET' && type !== undefined && id !== undefined && parts.length === 2) {
      return this.found(readResource(this.record, `${type}/${id}`));
    }
    if (call.method === 'GET' && type && id && history === '_history' && versionId && parts.length === 4) {
      return this.found(readVersion(this.record, `${type}/${id}`, versionId));
    }
    if (call.method === 'GET' && type !== undefined && parts.length === 1) {
      return { status: 200, body: searchBundle(this.base, this.record, type, new URLSearchParams(query)) };
    }
    if (call.method === 'POST' && type !== undefined && parts.length === 1) {
      const resource = requireResource(call.body, type);
      return this.writtenReply(
        this.commit(() => createResource(this.clock, this.record, resource, call.ifNoneExist)),
      );
    }
    if (call.method === 'PUT' && type !== undefined && id !== undefined && parts.length === 2) {
      const resource = requireResource(call.body, type);
      const ifMatch = parseETag(call.ifMatch);
      return this.writtenReply(
        this.commit(() => updateResource(this.clock, this.record, `${type}/${id}`, resource, ifMatch)),
      );
    }
    throw new OperationOutcomeError(
      badRequest(`This server does not support ${call.method} ${path || '[base]'}.`),
    );
  }

  /** Runs a write on the record and remembers what it changed. */
  private commit(write: () => Written): Written {
    const before = this.record.copy();
    const written = write();
    for (const key of this.record.changedSince(before)) {
      this.written.add(key);
    }
    return written;
  }

  private found(resource: FhirResource): FhirReply {
    return { status: 200, body: resource, headers: { ETag: `W/"${resource.meta?.versionId ?? ''}"` } };
  }

  /** 201 with Location for a create, 200 for an update or a create that found its match. */
  private writtenReply({ resource, created }: Written): FhirReply {
    const version = resource.meta?.versionId ?? '';
    return {
      status: created ? 201 : 200,
      body: resource,
      headers: {
        ETag: `W/"${version}"`,
        ...(created ? { Location: `${this.base}/${keyOf(resource)}/_history/${version}` } : {}),
      },
    };
  }

  private bundle(body: unknown): Bundle {
    if (!isBundle(body)) {
      throw new OperationOutcomeError(
        badRequest('A POST to the base must carry a batch or transaction Bundle.'),
      );
    }
    if (body.type !== 'batch' && body.type !== 'transaction') {
      throw new OperationOutcomeError(
        badRequest(`Only batch and transaction Bundles can be posted to the base, not '${body.type}'.`),
      );
    }
    if (this.offers[body.type] === false) {
      throw new OperationOutcomeError(notSupported(`This server does not support ${body.type} Bundles.`));
    }
    const entries = body.entry ?? [];
    if (body.type === 'batch') {
      return processBatch(entries, (call) => (call.path === '' ? this.refusedNesting() : this.handle(call)));
    }
    const { response, record } = processTransaction(this.clock, this.base, this.record, entries);
    for (const key of record.changedSince(this.record)) {
      this.written.add(key);
    }
    this.record = record;
    return response;
  }

  private refusedNesting(): FhirReply {
    return { status: 400, body: badRequest('A batch entry cannot be another Bundle.') };
  }
}
