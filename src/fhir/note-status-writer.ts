/**
 * Marking a clinical note already in the record: superseded by its next revision, or entered in
 * error. Each is a PUT conditional on the version read (If-Match), so a change by someone else in
 * the meantime is never overwritten. https://hl7.org/fhir/R4/http.html#concurrency
 */
import type { DocumentReference, FhirResource } from 'fhir/r4';
import { enteredInErrorNote, supersededNote } from '../domain/clinical-note';
import { readPath } from '../domain/search-query';
import { asVersionConflict, VersionConflictError } from './fhir-errors';
import type { FhirSession } from './smart-session';
import { isRefusal, NoteRetractionRefusedError } from './write-refusals';
import { writtenFromAnswer, type WrittenResource } from './written-resource';

/** The version of a note PeerBridge read: what a change is conditional on. */
export interface NoteVersion {
  readonly id: string;
  readonly versionId?: string;
}

function ifMatch(version: NoteVersion): Record<string, string> {
  return version.versionId ? { 'If-Match': `W/"${version.versionId}"` } : {};
}

/**
 * Marks an earlier note superseded. Best-effort: the new note's `relatesTo` already says it replaces
 * the old one, so a refusal or a conflict is no failure. Returns the request count.
 */
export async function supersedeNote(
  session: FhirSession,
  resource: FhirResource,
  version: NoteVersion,
): Promise<number> {
  if (resource.resourceType !== 'DocumentReference') {
    return 0;
  }
  try {
    await session.request(readPath('DocumentReference', version.id), {
      method: 'PUT',
      body: { ...supersededNote(resource), id: version.id },
      headers: ifMatch(version),
    });
    return 1;
  } catch (error) {
    const typed = asVersionConflict(error);
    if (isRefusal(typed) || typed instanceof VersionConflictError) {
      return 1;
    }
    throw typed;
  }
}

/** Marks a signed note entered in error; NoteRetractionRefusedError where the EHR will not let apps. */
export async function markNoteEnteredInError(
  session: FhirSession,
  resource: FhirResource,
  version: NoteVersion,
): Promise<{ note: DocumentReference; written: WrittenResource; requestCount: number }> {
  if (resource.resourceType !== 'DocumentReference') {
    throw new NoteRetractionRefusedError();
  }
  const body = { ...enteredInErrorNote(resource), id: version.id };
  try {
    const response = await session.request(readPath('DocumentReference', version.id), {
      method: 'PUT',
      body,
      headers: ifMatch(version),
    });
    const written = writtenFromAnswer(response, 'DocumentReference') ?? {
      resourceType: 'DocumentReference',
      id: version.id,
      created: false,
    };
    return { note: body, written, requestCount: 1 };
  } catch (error) {
    const typed = asVersionConflict(error);
    if (isRefusal(typed)) {
      throw new NoteRetractionRefusedError(typed);
    }
    throw typed;
  }
}
