/** One request to the fake FHIR server and its answer, free of HTTP plumbing (see `msw-handlers.ts`). */
import type { FhirResource } from 'fhir/r4';

export interface FhirCall {
  readonly method: string;
  /** Relative to the base, with the query: '' for the base, 'Patient/1', 'Encounter?patient=…'. */
  readonly path: string;
  readonly body?: unknown;
  readonly ifNoneExist?: string | undefined;
  /** The If-Match header as sent (`W/"3"`). */
  readonly ifMatch?: string | undefined;
}

export interface FhirReply {
  readonly status: number;
  readonly body?: FhirResource;
  readonly headers?: Readonly<Record<string, string>>;
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  412: 'Precondition Failed',
  500: 'Internal Server Error',
  501: 'Not Implemented',
};

/** `201 Created`: a Bundle entry's response.status, as the Medplum-engine sandbox writes it. */
export function formatStatus(status: number): string {
  const text = STATUS_TEXT[status];
  return text ? `${status} ${text}` : String(status);
}
