/**
 * The fake FHIR server's writes and reads of single resources (https://hl7.org/fhir/R4/http.html),
 * on whichever `ResourceVersions` they are given: the server's own, or a transaction's working copy.
 * Where FHIR leaves room, they answer as the Medplum-engine sandbox does (the contract tests hold
 * both to the same answers).
 */
import type { FhirResource } from 'fhir/r4';
import { isResource } from '../../src/domain/guards';
import { badRequest, multipleMatches, notFound, OperationOutcomeError, preconditionFailed } from './outcomes';
import type { ResourceVersions } from './resource-versions';
import { findResources } from './search';

/** Ids and times come from the caller, so tests can make them predictable. */
export interface ServerClock {
  readonly newId: () => string;
  /**
   * Version ids are opaque (https://hl7.org/fhir/R4/resource.html#Meta), and Medplum makes each a
   * UUID: a new one per write, not a counter, so nothing may do arithmetic on them. Default `newId`.
   */
  readonly newVersionId?: () => string;
  readonly now: () => string;
}

export interface Written {
  readonly resource: FhirResource;
  readonly created: boolean;
}

/** The resource a POST or PUT must carry, of the type its URL names. */
export function requireResource(body: unknown, resourceType: string): FhirResource {
  if (!isResource(body)) {
    throw new OperationOutcomeError(
      badRequest(`The request body must be a ${resourceType} resource as a JSON object.`),
    );
  }
  if (body.resourceType !== resourceType) {
    throw new OperationOutcomeError(
      badRequest(`The request body is a ${body.resourceType}, not a ${resourceType}.`),
    );
  }
  return body;
}

/** `resource` as the server keeps it: its id, a new version id and the time of writing. */
export function stamp(clock: ServerClock, resource: FhirResource, id: string): FhirResource {
  const versionId = (clock.newVersionId ?? clock.newId)();
  return { ...resource, id, meta: { ...resource.meta, versionId, lastUpdated: clock.now() } };
}

/** The existing resources an `If-None-Exist` query finds; more than one is refused with 412. */
export function conditionalMatch(
  versions: ResourceVersions,
  resourceType: string,
  ifNoneExist: string,
): FhirResource | undefined {
  const params = new URLSearchParams(ifNoneExist);
  if ([...params.keys()].length === 0) {
    throw new OperationOutcomeError(badRequest(`If-None-Exist '${ifNoneExist}' has no search criteria.`));
  }
  const matches = findResources(versions, resourceType, params);
  if (matches.length > 1) {
    throw new OperationOutcomeError(
      multipleMatches(`If-None-Exist '${ifNoneExist}' matches ${matches.length} ${resourceType} resources.`),
    );
  }
  return matches[0];
}

/** A create (conditional when `ifNoneExist` is given); the server assigns the id, as Medplum does. */
export function createResource(
  clock: ServerClock,
  into: ResourceVersions,
  resource: FhirResource,
  ifNoneExist: string | undefined,
): Written {
  const existing = ifNoneExist ? conditionalMatch(into, resource.resourceType, ifNoneExist) : undefined;
  if (existing) {
    return { resource: existing, created: false };
  }
  const created = stamp(clock, resource, clock.newId());
  into.put(created);
  return { resource: created, created: true };
}

/** An update (or a create at a new id); refused with 412 when `ifMatch` is not the current version. */
export function updateResource(
  clock: ServerClock,
  into: ResourceVersions,
  key: string,
  resource: FhirResource,
  ifMatch: string | undefined,
): Written {
  const [type = '', id = ''] = key.split('/');
  const body = requireResource(resource, type);
  if (body.id !== id) {
    throw new OperationOutcomeError(
      badRequest(`The resource id '${body.id ?? ''}' does not match the id '${id}' in the URL.`),
    );
  }
  const existing = into.current(key);
  const current = existing?.meta?.versionId;
  if (ifMatch !== undefined && current !== ifMatch) {
    throw new OperationOutcomeError(
      preconditionFailed(
        `If-Match version ${ifMatch} is not the current version (${current ?? 'none'}) of ${key}: read it again and reapply the change.`,
      ),
    );
  }
  const updated = stamp(clock, body, id);
  into.put(updated);
  return { resource: updated, created: existing === undefined };
}

export function readResource(from: ResourceVersions, key: string): FhirResource {
  const found = from.current(key);
  if (!found) {
    throw new OperationOutcomeError(notFound(`${key} is not on this server.`));
  }
  return found;
}

export function readVersion(from: ResourceVersions, key: string, versionId: string): FhirResource {
  const found = from.version(key, versionId);
  if (!found) {
    throw new OperationOutcomeError(notFound(`${key} has no version ${versionId} on this server.`));
  }
  return found;
}
