import { normalizeErrorMessage, SessionExpiredError, VersionConflictError } from '../../fhir/fhir-errors';
import { NoteRefusedError, NoteRetractionRefusedError } from '../../fhir/write-refusals';
import type { GroupProgress, SaveStatus } from './save-status';

function failureMessage(error: unknown, partly: boolean): string {
  if (error instanceof VersionConflictError) {
    return 'Someone changed this note in the record since you opened it, so PeerBridge did not overwrite it. Your words are still here: copy what you need, then reopen the note to see the latest version.';
  }
  if (error instanceof NoteRefusedError || error instanceof NoteRetractionRefusedError) {
    // Says what the EHR answered, that the draft is kept, and what to do next.
    return error.message;
  }
  return partly
    ? `${normalizeErrorMessage(error)} Some of the group’s notes are in the record and some are not yet. Try again to save the rest: the notes already saved are not written twice. Your note is kept in this tab.`
    : `${normalizeErrorMessage(error)} Your note is kept in this tab; nothing was lost.`;
}

/** `group`: how far a group save got; said only when some of its notes are in the record. */
export function failure(error: unknown, group?: GroupProgress): SaveStatus {
  const partly = group !== undefined && (group.openChartSaved || group.savedFor.length > 0);
  return {
    kind: 'failed',
    message: failureMessage(error, partly),
    sessionEnded: error instanceof SessionExpiredError,
    conflict: error instanceof VersionConflictError,
    ...(partly ? { group } : {}),
  };
}
