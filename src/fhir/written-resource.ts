/**
 * Where a write landed, read from the server's answer: the body where it sent one
 * (`Prefer: return=representation`), else the Location (or Content-Location) and ETag headers.
 * https://hl7.org/fhir/R4/http.html#create
 */
import { isResource, textOf } from '../domain/guards';
import type { BundleEntry, FhirResource } from 'fhir/r4';
import type { FhirResponse } from './smart-session';

/** One written resource as the server has it now. */
export interface WrittenResource {
  readonly resourceType: string;
  readonly id: string;
  readonly versionId?: string;
  /** The server's copy, when it sent one back. */
  readonly resource?: FhirResource;
  /** False when a conditional create found what an earlier attempt had written. */
  readonly created: boolean;
}

const LOCATION =
  /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/([A-Za-z0-9\-.]{1,64}))?\/?$/;

/** `[base/]Type/id[/_history/vid][?...]` -> its parts. */
export function parseLocation(
  location: string | undefined,
): { resourceType: string; id: string; versionId?: string } | undefined {
  const match = location ? LOCATION.exec(location.split('?')[0] ?? '') : null;
  if (!match?.[1] || !match[2]) {
    return undefined;
  }
  return { resourceType: match[1], id: match[2], ...(match[3] ? { versionId: match[3] } : {}) };
}

/** `W/"3"` or `"3"` -> `3`. */
function versionOfETag(etag: string | null): string | undefined {
  const match = etag ? /^(?:W\/)?"([^"]+)"$/.exec(etag.trim()) : null;
  return match?.[1];
}

/** What a create answered: the body (return=representation) or, from servers that send none, Location and ETag. */
export function writtenFromAnswer(response: FhirResponse, resourceType: string): WrittenResource | undefined {
  const body =
    isResource(response.body) && response.body.resourceType === resourceType ? response.body : undefined;
  const location = parseLocation(
    response.headers.get('Location') ?? response.headers.get('Content-Location') ?? '',
  );
  const id = textOf(body?.id) ?? (location?.resourceType === resourceType ? location.id : undefined);
  if (!id) {
    return undefined;
  }
  const versionId =
    textOf(body?.meta?.versionId) ?? location?.versionId ?? versionOfETag(response.headers.get('ETag'));
  return {
    resourceType,
    id,
    ...(versionId ? { versionId } : {}),
    ...(body ? { resource: body } : {}),
    created: response.status === 201,
  };
}

/** What a transaction entry (or a plain read) answered, from its status, location and body. */
export function writtenFromEntry(
  status: string | number | undefined,
  location: string | undefined,
  body: unknown,
  expectedType: string,
): WrittenResource | undefined {
  const resource = isResource(body) && body.resourceType === expectedType ? body : undefined;
  const fromLocation = parseLocation(location);
  const id = resource?.id ?? fromLocation?.id;
  if (!id) {
    return undefined;
  }
  const versionId = resource?.meta?.versionId ?? fromLocation?.versionId;
  return {
    resourceType: expectedType,
    id,
    ...(versionId ? { versionId } : {}),
    ...(resource ? { resource } : {}),
    created: String(status ?? '')
      .trim()
      .startsWith('201'),
  };
}

/** The type an entry writes: its resource's, or its request URL's first segment. */
export function entryType(entry: BundleEntry): string {
  return entry.resource?.resourceType ?? (entry.request?.url ?? '').split(/[/?]/)[0] ?? '';
}
