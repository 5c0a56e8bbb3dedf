import { getStatus, OperationOutcomeError } from '@medplum/core';
import type { OperationOutcome, OperationOutcomeIssue } from 'fhir/r4';

type IssueCode = OperationOutcomeIssue['code'];

/** An error that already knows its HTTP status and the OperationOutcome to answer with. */
export class FhirError extends Error {
  readonly status: number;
  readonly outcome: OperationOutcome;

  /** `details` are further issues after the first (e.g. one per invalid element). */
  constructor(
    status: number,
    code: IssueCode,
    diagnostics: string,
    details: readonly OperationOutcomeIssue[] = [],
  ) {
    super(diagnostics);
    this.status = status;
    const outcome = operationOutcome(status >= 500 ? 'fatal' : 'error', code, diagnostics);
    this.outcome = { ...outcome, issue: [...outcome.issue, ...details] };
  }
}

export function operationOutcome(
  severity: OperationOutcomeIssue['severity'],
  code: IssueCode,
  diagnostics: string,
): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity, code, diagnostics }] };
}

export function badRequest(diagnostics: string): FhirError {
  return new FhirError(400, 'invalid', diagnostics);
}

export function forbidden(diagnostics: string): FhirError {
  return new FhirError(403, 'forbidden', diagnostics);
}

export function notFound(diagnostics: string): FhirError {
  return new FhirError(404, 'not-found', diagnostics);
}

export function notSupported(status: number, diagnostics: string): FhirError {
  return new FhirError(status, 'not-supported', diagnostics);
}

/** Turns anything thrown by the engine or the wrapper into a status and an OperationOutcome. */
export function toFhirError(error: unknown): FhirError {
  if (error instanceof FhirError) {
    return error;
  }
  if (error instanceof OperationOutcomeError) {
    const status = getStatus(error.outcome);
    const issue = error.outcome.issue[0];
    const text = issue?.details?.text ?? issue?.diagnostics ?? error.message;
    return new FhirError(status, issue?.code ?? 'exception', text);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new FhirError(500, 'exception', `The sandbox FHIR server failed: ${message}`);
}
