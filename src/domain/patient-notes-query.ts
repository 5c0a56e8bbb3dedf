/**
 * The search for a patient's clinical notes (DocumentReferences) and the page it answers.
 * https://hl7.org/fhir/us/core/clinical-notes.html
 */
import type { DocumentReference } from 'fhir/r4';
import { referenceToId } from './references';
import { searchPath, type QueryParam } from './search-query';
import {
  offersResource,
  supportsSearchParam,
  supportsSort,
  type ServerCapabilities,
} from './server-capabilities';

/** Notes per page: about a year of weekly peer contact, like a page of encounters. */
export const NOTE_PAGE_SIZE = 50;

/**
 * The patient's notes, newest first where the server can sort: `patient` and `_count` only (plus
 * `_sort=-date` where `_sort` and `date` are listed, or the statement is not known). Not filtered by `type` or `category`: Oracle drops
 * the category, a site may configure its own note type, and other clinicians' notes are listed too.
 * Undefined where the server offers no DocumentReference search by patient: the notes stay "not loaded".
 */
export function patientNotesQuery(
  patientId: string,
  capabilities: ServerCapabilities,
  count: number = NOTE_PAGE_SIZE,
): string | undefined {
  const listed = (name: string): boolean => supportsSearchParam(capabilities, 'DocumentReference', name);
  if (!offersResource(capabilities, 'DocumentReference') || !listed('patient')) {
    return undefined;
  }
  const sort: QueryParam[] = supportsSort(capabilities, 'DocumentReference', ['-date'])
    ? [['_sort', '-date']]
    : [];
  return searchPath('DocumentReference', [
    ['patient', referenceToId('Patient', patientId)],
    ...sort,
    ['_count', count],
  ]);
}

/** One page of the notes search; `loaded` false when it was not searchable or was refused. */
export interface NotesPage {
  readonly documents: readonly DocumentReference[];
  readonly nextUrl?: string;
  readonly loaded: boolean;
}

export const NOTES_NOT_LOADED: NotesPage = { documents: [], loaded: false };
