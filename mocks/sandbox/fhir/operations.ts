import type { Bundle, BundleEntry, FhirResource, Resource } from 'fhir/r4';
import type { Access, Authorizer } from './authorization';
import type { FhirEngine } from './engine';
import type { Interaction } from './interactions';
import { badRequest, fhirError } from './outcomes';
import { findMatches, searchToBundle } from './search';
import type { SearchContext } from './search';
import { parseSearchQuery } from './search-query';
import { requireValidResource } from './validation';

/** The answer to one interaction, before it becomes an HTTP response or a Bundle entry response. */
export interface FhirResult {
  readonly status: number;
  readonly resource?: Resource;
}

/**
 * Runs single interactions against the engine, with SMART scope and compartment checks around each.
 * Writes are serialized, so a conditional create cannot race another write between its search and
 * its create.
 */
export class FhirOperations {
  private writeQueue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly engine: FhirEngine,
    readonly baseUrl: string,
    private readonly onWrite: () => void,
    /** Refuse invalid resources on create and update (422); on unless a test asks otherwise. */
    private readonly validateWrites = true,
  ) {}

  /** Throws 422 for a resource that is not valid R4 or breaks a profile it claims. */
  checkValid(resource: Resource): void {
    if (this.validateWrites) {
      requireValidResource(resource);
    }
  }

  /** Runs `work` alone among writers. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.writeQueue.then(work);
    this.writeQueue = result.catch(() => undefined);
    return result;
  }

  notifyWrite(): void {
    this.onWrite();
  }

  async execute(interaction: Interaction, authorizer: Authorizer, strict = false): Promise<FhirResult> {
    switch (interaction.kind) {
      case 'read': {
        const access = authorizer.requireAccess(interaction.resourceType, 'r');
        const resource = await this.engine.read(interaction.resourceType, interaction.id);
        authorizer.requireResource(access, resource, 'r');
        return { status: 200, resource };
      }
      case 'vread': {
        const access = authorizer.requireAccess(interaction.resourceType, 'r');
        const { resourceType, id, versionId } = interaction;
        const resource = await this.engine.vread(resourceType, id, versionId);
        authorizer.requireResource(access, resource, 'r');
        return { status: 200, resource };
      }
      case 'history':
        return {
          status: 200,
          resource: await this.history(interaction.resourceType, interaction.id, authorizer),
        };
      case 'search': {
        const access = authorizer.requireAccess(interaction.resourceType, 's');
        const plan = parseSearchQuery(interaction.resourceType, interaction.params, this.baseUrl, strict);
        return { status: 200, resource: await searchToBundle(plan, this.searchContext(authorizer, access)) };
      }
      case 'create':
        return this.exclusive(() =>
          this.create(interaction.resourceType, interaction.body, interaction.ifNoneExist, authorizer),
        );
      case 'update':
        return this.exclusive(() =>
          this.update(
            interaction.resourceType,
            interaction.id,
            interaction.body,
            interaction.ifMatch,
            authorizer,
          ),
        );
      case 'delete':
        return this.exclusive(() => this.delete(interaction.resourceType, interaction.id, authorizer));
      case 'capabilities':
      case 'bundle':
        throw badRequest(`A ${interaction.kind} request cannot be run as a single interaction here.`);
    }
  }

  searchContext(authorizer: Authorizer | undefined, access: Access): SearchContext {
    return { engine: this.engine, baseUrl: this.baseUrl, authorizer, access };
  }

  /** The existing resources a conditional create's `If-None-Exist` query matches, whoever may see them. */
  async findConditionalMatches(resourceType: string, query: string): Promise<Resource[]> {
    const plan = parseSearchQuery(resourceType, new URLSearchParams(query), this.baseUrl, true);
    if (plan.filters.length === 0) {
      throw badRequest(`If-None-Exist '${query}' has no search criteria the sandbox understands.`);
    }
    return findMatches(plan, this.searchContext(undefined, { kind: 'all' }));
  }

  /** Call inside exclusive(). */
  async create(
    resourceType: string,
    body: unknown,
    ifNoneExist: string | undefined,
    authorizer: Authorizer,
  ): Promise<FhirResult> {
    const access = authorizer.requireAccess(resourceType, 'c');
    const resource = withoutServerFields(requireResource(body, resourceType));
    if (ifNoneExist) {
      const existing = await this.findConditionalMatches(resourceType, ifNoneExist);
      const [first, second] = existing;
      if (second) {
        throw fhirError(
          412,
          'duplicate',
          `If-None-Exist '${ifNoneExist}' matches ${existing.length} ${resourceType} resources.`,
        );
      }
      if (first) {
        authorizer.requireResource(authorizer.requireAccess(resourceType, 'r'), first, 'r');
        return { status: 200, resource: first };
      }
    }
    authorizer.requireResource(access, resource, 'c');
    this.checkValid(resource);
    const created = await this.engine.create({ ...resource, id: this.engine.generateId() });
    this.onWrite();
    return { status: 201, resource: created };
  }

  /** Call inside exclusive(). */
  async update(
    resourceType: string,
    id: string,
    body: unknown,
    ifMatch: string | undefined,
    authorizer: Authorizer,
  ): Promise<FhirResult> {
    const resource = requireResource(body, resourceType);
    if (resource.id !== id) {
      throw badRequest(`The resource id '${resource.id ?? ''}' does not match the id '${id}' in the URL.`);
    }
    const existing = await this.engine.readIfExists(resourceType, id);
    const access = authorizer.requireAccess(resourceType, existing ? 'u' : 'c');
    if (existing) {
      authorizer.requireResource(access, existing, 'u');
    }
    authorizer.requireResource(access, resource, existing ? 'u' : 'c');
    this.checkValid(resource);
    if (ifMatch !== undefined && existing?.meta?.versionId !== ifMatch) {
      throw fhirError(
        412,
        'conflict',
        `If-Match version ${ifMatch} is not the current version (${existing?.meta?.versionId ?? 'none'}) of ${resourceType}/${id}: read it again and reapply the change.`,
      );
    }
    const updated = await this.engine.update(resource, ifMatch);
    this.onWrite();
    return { status: existing ? 200 : 201, resource: updated };
  }

  /** Call inside exclusive(). */
  async delete(resourceType: string, id: string, authorizer: Authorizer): Promise<FhirResult> {
    const access = authorizer.requireAccess(resourceType, 'd');
    const existing = await this.engine.read(resourceType, id);
    authorizer.requireResource(access, existing, 'd');
    await this.engine.delete(resourceType, id);
    this.onWrite();
    return { status: 204 };
  }

  private async history(resourceType: string, id: string, authorizer: Authorizer): Promise<Bundle> {
    const access = authorizer.requireAccess(resourceType, 'r');
    const current = await this.engine.read(resourceType, id);
    authorizer.requireResource(access, current, 'r');
    const versions = await this.engine.history(resourceType, id);
    const entry = versions.map((version, index): BundleEntry => ({
      fullUrl: `${this.baseUrl}/${resourceType}/${id}`,
      resource: version as FhirResource,
      request: {
        method: index === versions.length - 1 ? 'POST' : 'PUT',
        url: index === versions.length - 1 ? resourceType : `${resourceType}/${id}`,
      },
      response: {
        status: index === versions.length - 1 ? '201' : '200',
        etag: `W/"${version.meta?.versionId ?? ''}"`,
        ...(version.meta?.lastUpdated ? { lastModified: version.meta.lastUpdated } : {}),
      },
    }));
    return {
      resourceType: 'Bundle',
      type: 'history',
      total: entry.length,
      link: [{ relation: 'self', url: `${this.baseUrl}/${resourceType}/${id}/_history` }],
      entry,
    };
  }
}

/** Checks that a request body is a resource of the expected type. */
export function requireResource(body: unknown, resourceType: string): Resource {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest(`The request body must be a ${resourceType} resource as a JSON object.`);
  }
  const type = (body as { resourceType?: unknown }).resourceType;
  if (type !== resourceType) {
    throw badRequest(
      `The request body is a ${typeof type === 'string' ? type : 'non-resource'}, not a ${resourceType}.`,
    );
  }
  return body as Resource;
}

/** On create the server assigns id, versionId and lastUpdated, whatever the client sent. */
export function withoutServerFields(resource: Resource): Resource {
  const copy = { ...resource };
  delete copy.id;
  if (copy.meta) {
    const meta = { ...copy.meta };
    delete meta.versionId;
    delete meta.lastUpdated;
    copy.meta = meta;
  }
  return copy;
}
