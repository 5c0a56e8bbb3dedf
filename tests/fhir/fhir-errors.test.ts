import type { OperationOutcome } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import {
  asVersionConflict,
  FhirHttpError,
  fhirHttpError,
  NetworkError,
  normalizeErrorMessage,
  VersionConflictError,
} from '../../src/fhir/fhir-errors';
import { entryError } from '../../src/fhir/response-reading';
import { failure } from '../../src/ui/documentation/save-failure';

const conflict: OperationOutcome = {
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'error', code: 'conflict', diagnostics: 'Version 4 is not the current version' }],
};

describe.each([409, 412])('an HTTP %i answer', (status) => {
  it('is typed as a version conflict that keeps the status and the OperationOutcome', () => {
    const error = fhirHttpError(status, conflict);
    expect(error).toBeInstanceOf(VersionConflictError);
    expect(error).toBeInstanceOf(FhirHttpError);
    expect(error).toMatchObject({ status, outcome: conflict, name: 'VersionConflictError' });
  });

  it('is retyped as a version conflict when it was thrown as a plain HTTP error', () => {
    const retyped = asVersionConflict(new FhirHttpError(status, conflict));
    expect(retyped).toBeInstanceOf(VersionConflictError);
    expect(retyped).toMatchObject({ status, outcome: conflict });
  });

  it('is a version conflict inside a batch or transaction answer', () => {
    const error = entryError({ response: { status: `${status} Conflict`, outcome: conflict } });
    expect(error).toBeInstanceOf(VersionConflictError);
    expect(error).toMatchObject({ status, outcome: conflict });
  });

  it('tells the person someone else changed the record, by its type', () => {
    expect(normalizeErrorMessage(fhirHttpError(status, undefined))).toMatch(/^Someone changed this/);
  });
});

describe('errors that are not version conflicts', () => {
  it('keeps other HTTP errors as they are, Retry-After included', () => {
    const error = fhirHttpError(503, undefined, 7);
    expect(error).not.toBeInstanceOf(VersionConflictError);
    expect(error).toMatchObject({ status: 503, retryAfterSeconds: 7 });
  });

  it('returns the very error it was given when there is nothing to retype', () => {
    const busy = new FhirHttpError(429, undefined, 3);
    const offline = new NetworkError(false);
    const typed = new VersionConflictError(412, conflict);
    expect(asVersionConflict(busy)).toBe(busy);
    expect(asVersionConflict(offline)).toBe(offline);
    expect(asVersionConflict(typed)).toBe(typed);
  });
});

describe('the save failure the documentation screen shows', () => {
  it('is a conflict for a VersionConflictError', () => {
    expect(failure(new VersionConflictError(412, conflict))).toMatchObject({
      kind: 'failed',
      conflict: true,
    });
  });

  it('is not a conflict for an HTTP error of another status', () => {
    expect(failure(new FhirHttpError(422, undefined))).toMatchObject({ kind: 'failed', conflict: false });
  });
});
