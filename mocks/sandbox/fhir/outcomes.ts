import { getStatus, OperationOutcomeError as MedplumOperationOutcomeError } from '@medplum/core';
import type { OperationOutcome, OperationOutcomeIssue } from 'fhir/r4';
import { OperationOutcomeError } from '../../fake-fhir-server/outcomes';

/**
 * The sandbox refuses with the same error type as the in-browser fake (`OperationOutcomeError`, shaped
 * like Medplum's); these are its named refusals, each with the status the sandbox answers with.
 */
export { OperationOutcomeError };

type IssueCode = OperationOutcomeIssue['code'];

/** A refusal with this status; `details` are further issues after the first (e.g. one per invalid element). */
export function fhirError(
  status: number,
  code: IssueCode,
  diagnostics: string,
  details: readonly OperationOutcomeIssue[] = [],
): OperationOutcomeError {
  const outcome = operationOutcome(status >= 500 ? 'fatal' : 'error', code, diagnostics);
  return new OperationOutcomeError({ ...outcome, issue: [...outcome.issue, ...details] }, { status });
}

export function operationOutcome(
  severity: OperationOutcomeIssue['severity'],
  code: IssueCode,
  diagnostics: string,
): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity, code, diagnostics }] };
}

export function badRequest(diagnostics: string): OperationOutcomeError {
  return fhirError(400, 'invalid', diagnostics);
}

export function forbidden(diagnostics: string): OperationOutcomeError {
  return fhirError(403, 'forbidden', diagnostics);
}

export function notFound(diagnostics: string): OperationOutcomeError {
  return fhirError(404, 'not-found', diagnostics);
}

export function notSupported(status: number, diagnostics: string): OperationOutcomeError {
  return fhirError(status, 'not-supported', diagnostics);
}

/** Turns anything thrown by the engine or the wrapper into a status and an OperationOutcome. */
export function toFhirError(error: unknown): OperationOutcomeError {
  if (error instanceof MedplumOperationOutcomeError) {
    const status = getStatus(error.outcome);
    const issue = error.outcome.issue[0];
    const text = issue?.details?.text ?? issue?.diagnostics ?? error.message;
    return fhirError(status, issue?.code ?? 'exception', text);
  }
  if (error instanceof OperationOutcomeError) {
    return error;
  }
  const message = error instanceof Error ? error.message : String(error);
  return fhirError(500, 'exception', `The sandbox FHIR server failed: ${message}`);
}
