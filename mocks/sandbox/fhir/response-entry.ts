import { STATUS_CODES } from 'node:http';
import type { BundleEntry, FhirResource } from 'fhir/r4';
import type { OperationOutcomeError } from './outcomes';
import type { FhirResult } from './operations';

/** ETag, Location and Last-Modified for a stored resource version; empty for anything else. */
export function getVersionHeaders(result: FhirResult, baseUrl: string): Record<string, string> {
  const resource = result.resource;
  const versionId = resource?.meta?.versionId;
  if (!resource?.id || !versionId) {
    return {};
  }
  const headers: Record<string, string> = { ETag: `W/"${versionId}"` };
  if (resource.meta?.lastUpdated) {
    headers['Last-Modified'] = new Date(resource.meta.lastUpdated).toUTCString();
  }
  if (result.status === 201) {
    headers.Location = `${baseUrl}/${resource.resourceType}/${resource.id}/_history/${versionId}`;
  }
  return headers;
}

export function toResponseEntry(result: FhirResult, baseUrl: string): BundleEntry {
  const { resource, status } = result;
  const headers = getVersionHeaders(result, baseUrl);
  const stored = resource?.id && resource.meta?.versionId ? resource : undefined;
  return {
    ...(stored ? { fullUrl: `${baseUrl}/${stored.resourceType}/${stored.id ?? ''}` } : {}),
    ...(resource ? { resource: resource as FhirResource } : {}),
    response: {
      status: formatStatus(status),
      ...(stored && (status === 201 || status === 200)
        ? { location: `${stored.resourceType}/${stored.id ?? ''}/_history/${stored.meta?.versionId ?? ''}` }
        : {}),
      ...(headers.ETag ? { etag: headers.ETag } : {}),
      ...(stored?.meta?.lastUpdated ? { lastModified: stored.meta.lastUpdated } : {}),
    },
  };
}

export function toErrorEntry(error: OperationOutcomeError): BundleEntry {
  return { response: { status: formatStatus(error.status), outcome: error.outcome } };
}

function formatStatus(status: number): string {
  const text = STATUS_CODES[status];
  return text ? `${status} ${text}` : String(status);
}
