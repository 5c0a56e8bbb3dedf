import type { OperationOutcome } from 'fhir/r4';

/** The server answered with an HTTP error; keeps the facts and the OperationOutcome when there is one. */
export class FhirHttpError extends Error {
  readonly status: number;
  readonly outcome: OperationOutcome | undefined;
  /** Seconds from a Retry-After header (429, 503). */
  readonly retryAfterSeconds: number | undefined;

  constructor(status: number, outcome: OperationOutcome | undefined, retryAfterSeconds?: number) {
    super(`The FHIR server answered ${status}${outcome ? `: ${describeOutcome(outcome)}` : ''}`);
    this.name = 'FhirHttpError';
    this.status = status;
    this.outcome = outcome;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * The record changed since PeerBridge read it: the server refused a write conditional on the version
 * read (412 on `If-Match`) or reported a conflicting change (409). Nothing was overwritten.
 * https://hl7.org/fhir/R4/http.html#concurrency
 */
export class VersionConflictError extends FhirHttpError {
  constructor(status: number, outcome: OperationOutcome | undefined) {
    super(status, outcome);
    this.name = 'VersionConflictError';
  }
}

function isConflictStatus(status: number): boolean {
  return status === 409 || status === 412;
}

/** The typed error for an HTTP error status: a conflict for 409 and 412, else the plain HTTP error. */
export function fhirHttpError(
  status: number,
  outcome: OperationOutcome | undefined,
  retryAfterSeconds?: number,
): FhirHttpError {
  return isConflictStatus(status)
    ? new VersionConflictError(status, outcome)
    : new FhirHttpError(status, outcome, retryAfterSeconds);
}

/**
 * The same error, typed as a conflict when it is an HTTP 409 or 412; anything else is returned as it
 * is. Used around writes, where a 409 or 412 means the record is not as PeerBridge read it.
 */
export function asVersionConflict(error: unknown): unknown {
  return error instanceof FhirHttpError &&
    !(error instanceof VersionConflictError) &&
    isConflictStatus(error.status)
    ? new VersionConflictError(error.status, error.outcome)
    : error;
}

/** The access token is gone or expired and could not be refreshed: only a new launch helps. */
export class SessionExpiredError extends Error {
  constructor() {
    super('Your EHR session has ended.');
    this.name = 'SessionExpiredError';
  }
}

/** No answer at all: offline, DNS, CORS, connection reset or timeout. */
export class NetworkError extends Error {
  readonly timedOut: boolean;

  constructor(timedOut: boolean) {
    super(timedOut ? 'The FHIR server did not answer in time.' : 'The FHIR server could not be reached.');
    this.name = 'NetworkError';
    this.timedOut = timedOut;
  }
}

/** A 2xx answer whose body is not the FHIR JSON we asked for (an HTML error page, truncated JSON). */
export class UnreadableResponseError extends Error {
  readonly status: number;

  constructor(status: number, detail: string) {
    super(`The FHIR server's answer could not be read (${detail}).`);
    this.name = 'UnreadableResponseError';
    this.status = status;
  }
}

export function describeOutcome(outcome: OperationOutcome): string {
  return outcome.issue
    .map((issue) => issue.details?.text ?? issue.diagnostics ?? issue.code)
    .filter((text) => text.length > 0)
    .join('; ');
}

/** Words a person can act on, for any error the FHIR layer can throw. */
export function normalizeErrorMessage(error: unknown): string {
  if (error instanceof SessionExpiredError) {
    return 'Your EHR session has ended. Open PeerBridge again from the patient’s chart to continue.';
  }
  if (error instanceof NetworkError) {
    return error.timedOut
      ? 'The EHR did not answer in time. Check your connection and try again.'
      : 'The EHR could not be reached. Check your connection and try again.';
  }
  if (error instanceof UnreadableResponseError) {
    return 'The EHR sent an answer PeerBridge could not read. Try again; if it keeps happening, tell your IT team.';
  }
  if (error instanceof VersionConflictError) {
    return 'Someone changed this in the record since PeerBridge read it, so it was not overwritten. Reload to see the latest version.';
  }
  if (error instanceof FhirHttpError) {
    switch (error.status) {
      case 401:
        return 'Your EHR session has ended. Open PeerBridge again from the patient’s chart to continue.';
      case 403:
        return 'The EHR did not allow this. Your account or PeerBridge’s registration may lack the permission.';
      case 404:
        return 'The EHR could not find this record.';
      case 429:
      case 503:
        return 'The EHR is busy. Wait a moment and try again.';
      default:
        return error.status >= 500
          ? 'The EHR had a problem answering. Try again in a moment.'
          : `The EHR refused the request${error.outcome ? `: ${describeOutcome(error.outcome)}` : '.'}`;
    }
  }
  return 'Something went wrong in PeerBridge. Try again; if it keeps happening, tell your IT team.';
}
