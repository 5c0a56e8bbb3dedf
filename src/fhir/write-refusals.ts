/**
 * Answers that mean "this server does not take this from an app", as opposed to a passing fault:
 * a refused structured part stays inside the note; a refused note keeps the draft.
 */
import { describeOutcome, FhirHttpError } from './fhir-errors';

/** The server refused the clinical note itself: nothing was saved, and the draft is kept. */
export class NoteRefusedError extends Error {
  constructor(readonly refusal: FhirHttpError) {
    super(
      `This EHR did not accept the note (${refusal.status}${refusal.outcome ? `: ${describeOutcome(refusal.outcome)}` : ''}). ` +
        'Your draft is kept in this browser: try again, or ask IT whether PeerBridge may write clinical notes.',
    );
    this.name = 'NoteRefusedError';
  }
}

/** 400, 403, 404, 405, 422: refused for good, not failed for now. */
const REFUSAL_STATUSES = new Set([400, 403, 404, 405, 422]);

export function isRefusal(error: unknown): error is FhirHttpError {
  return error instanceof FhirHttpError && REFUSAL_STATUSES.has(error.status);
}

/** The EHR would not let PeerBridge mark its signed note entered in error. */
export class NoteRetractionRefusedError extends Error {
  constructor(readonly refusal?: FhirHttpError) {
    super(
      'This EHR does not let apps mark a signed note entered in error, so the note is unchanged. ' +
        'Mark it entered in error in the EHR itself, or amend it here with the correction.',
    );
    this.name = 'NoteRetractionRefusedError';
  }
}
