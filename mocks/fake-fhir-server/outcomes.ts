/**
 * The fake FHIR server's one error type and its named outcomes, shaped like Medplum's
 * (`@medplum/core` `outcomes.ts`: `OperationOutcomeError`, `notFound`, `preconditionFailed`, ...),
 * so a fault reads the same here as in the Medplum-engine sandbox. Written out rather than imported:
 * `@medplum/core` would add ~75 kB to the demo's browser bundle for these few lines.
 * https://hl7.org/fhir/R4/operationoutcome.html
 */
import type { OperationOutcome, OperationOutcomeIssue } from 'fhir/r4';

export interface OperationOutcomeErrorOptions {
  /** The HTTP status, where the outcome alone does not say it (405, 413, 415, 422, a vendor's own). */
  readonly status?: number;
  readonly cause?: unknown;
}

/**
 * A refusal a fake FHIR server answers with: this one in the browser and the Medplum-engine sandbox
 * alike. The HTTP status follows from the outcome (`getStatus`) unless given.
 */
export class OperationOutcomeError extends Error {
  readonly outcome: OperationOutcome;
  readonly status: number;

  constructor(outcome: OperationOutcome, options: OperationOutcomeErrorOptions = {}) {
    super(outcome.issue[0]?.details?.text ?? outcome.issue[0]?.diagnostics ?? 'FHIR error', {
      cause: options.cause,
    });
    this.name = 'OperationOutcomeError';
    this.outcome = outcome;
    this.status = options.status ?? getStatus(outcome);
  }
}

type IssueCode = OperationOutcomeIssue['code'];

/** Outcome ids Medplum uses to carry the HTTP status where the issue code alone is ambiguous. */
const STATUS_BY_ID: Readonly<Record<string, number>> = {
  ok: 200,
  created: 201,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'precondition-failed': 412,
  'multiple-matches': 412,
  'not-supported': 501,
  'too-many-requests': 429,
};

function outcome(id: string | undefined, code: IssueCode, text: string): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    ...(id ? { id } : {}),
    issue: [{ severity: 'error', code, details: { text } }],
  };
}

export function badRequest(text: string): OperationOutcome {
  return outcome(undefined, 'invalid', text);
}

export function unauthorized(text = 'Unauthorized'): OperationOutcome {
  return outcome('unauthorized', 'login', text);
}

export function notFound(text = 'Not found'): OperationOutcome {
  return outcome('not-found', 'not-found', text);
}

/** A write conditional on a version (`If-Match`) that is no longer current. */
export function preconditionFailed(text = 'Precondition Failed'): OperationOutcome {
  return outcome('precondition-failed', 'processing', text);
}

/** A conditional create (`If-None-Exist`) whose search finds more than one resource. */
export function multipleMatches(text = 'Multiple resources found matching condition'): OperationOutcome {
  return outcome('multiple-matches', 'multiple-matches', text);
}

/** Something this fake does not do (an interaction, a search parameter, a Bundle type). */
export function notSupported(text: string): OperationOutcome {
  return outcome('not-supported', 'not-supported', text);
}

export function serverError(error: unknown): OperationOutcome {
  const text = error instanceof Error ? error.message : String(error);
  return outcome(undefined, 'exception', `The fake FHIR server failed: ${text}`);
}

/** The HTTP status an outcome stands for, as Medplum's `getStatus` derives it. */
export function getStatus(operationOutcome: OperationOutcome): number {
  const byId = operationOutcome.id ? STATUS_BY_ID[operationOutcome.id] : undefined;
  if (byId !== undefined) {
    return byId;
  }
  const code = operationOutcome.issue[0]?.code;
  if (code === 'exception') {
    return 500;
  }
  return code === 'informational' ? 200 : 400;
}

/** Anything thrown inside a fake, as the refusal to answer with (500 for what no one expected). */
export function toOperationOutcomeError(error: unknown): OperationOutcomeError {
  return error instanceof OperationOutcomeError
    ? error
    : new OperationOutcomeError(serverError(error), { cause: error });
}
