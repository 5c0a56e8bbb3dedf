import { isResourceType } from '@medplum/core';
import { parseETag } from '../../fake-fhir-server/etag';
import { badRequest, notFound, notSupported } from './outcomes';

export { parseETag };

/** One FHIR RESTful interaction, from an HTTP request or a Bundle entry. http://hl7.org/fhir/R4/http.html */
export type Interaction =
  | { readonly kind: 'capabilities' }
  | { readonly kind: 'search'; readonly resourceType: string; readonly params: URLSearchParams }
  | { readonly kind: 'read'; readonly resourceType: string; readonly id: string }
  | { readonly kind: 'vread'; readonly resourceType: string; readonly id: string; readonly versionId: string }
  | { readonly kind: 'history'; readonly resourceType: string; readonly id: string }
  | {
      readonly kind: 'create';
      readonly resourceType: string;
      readonly body: unknown;
      readonly ifNoneExist: string | undefined;
    }
  | {
      readonly kind: 'update';
      readonly resourceType: string;
      readonly id: string;
      readonly body: unknown;
      readonly ifMatch: string | undefined;
    }
  | { readonly kind: 'delete'; readonly resourceType: string; readonly id: string }
  | { readonly kind: 'bundle'; readonly body: unknown };

export interface InteractionRequest {
  readonly method: string;
  /** The path below the FHIR base, without leading slash, e.g. `Patient/123/_history`. */
  readonly path: string;
  readonly params: URLSearchParams;
  readonly body: unknown;
  readonly ifNoneExist?: string | undefined;
  readonly ifMatch?: string | undefined;
}

export function parseInteraction(request: InteractionRequest): Interaction {
  const { method, params, body } = request;
  const segments = request.path
    .split('/')
    .filter((segment) => segment !== '')
    .map(decodeURIComponent);
  const [type, id, third, versionId, ...extra] = segments;
  if (segments.some((segment) => segment.startsWith('$'))) {
    throw notSupported(
      404,
      `Operations (${segments.join('/')}) are not available on the sandbox FHIR server.`,
    );
  }
  if (type === undefined) {
    return method === 'POST' ? { kind: 'bundle', body } : refuse(method, 'the server base', ['POST']);
  }
  if (type === 'metadata' && id === undefined) {
    return method === 'GET' ? { kind: 'capabilities' } : refuse(method, '/metadata', ['GET']);
  }
  if (!isResourceType(type)) {
    throw notFound(`'${type}' is not a FHIR R4 resource type.`);
  }
  if (id === undefined) {
    switch (method) {
      case 'GET':
        return { kind: 'search', resourceType: type, params };
      case 'POST':
        return { kind: 'create', resourceType: type, body, ifNoneExist: request.ifNoneExist };
      default:
        return refuse(method, type, ['GET', 'POST']);
    }
  }
  if (id === '_search' && third === undefined) {
    return method === 'POST'
      ? { kind: 'search', resourceType: type, params }
      : refuse(method, `${type}/_search`, ['POST']);
  }
  if (!/^[A-Za-z0-9\-.]{1,64}$/.test(id)) {
    throw badRequest(`'${id}' is not a valid FHIR resource id.`);
  }
  if (third === undefined) {
    switch (method) {
      case 'GET':
        return { kind: 'read', resourceType: type, id };
      case 'PUT':
        return { kind: 'update', resourceType: type, id, body, ifMatch: parseETag(request.ifMatch) };
      case 'DELETE':
        return { kind: 'delete', resourceType: type, id };
      default:
        return refuse(method, `${type}/${id}`, ['GET', 'PUT', 'DELETE']);
    }
  }
  if (third === '_history' && extra.length === 0) {
    if (method !== 'GET') {
      return refuse(method, `${type}/${id}/_history`, ['GET']);
    }
    return versionId === undefined
      ? { kind: 'history', resourceType: type, id }
      : { kind: 'vread', resourceType: type, id, versionId };
  }
  throw notFound(`There is nothing at ${segments.join('/')} on the sandbox FHIR server.`);
}

function refuse(method: string, where: string, allowed: readonly string[]): never {
  throw notSupported(405, `${method} is not supported on ${where}; use ${allowed.join(' or ')}.`);
}
