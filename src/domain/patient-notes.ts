/**
 * The patient's clinical notes (DocumentReferences) as the clinician's timeline shows them. On Epic-
 * and Oracle-shaped servers PeerBridge's work lands only as a note, so its notes are read back in full
 * (parsing only PeerBridge's own rendering, clinical-note-text.ts); every other note is listed by its
 * type, author and date and never parsed. Oracle Health drops `identifier` and `category` on create,
 * so a PeerBridge note is recognised by its identifier or, failing that, by the text's own header.
 * https://hl7.org/fhir/us/core/clinical-notes.html
 */
import type { Coding, DocumentReference, Encounter } from 'fhir/r4';
import { base64ToUtf8, readClinicalNote } from './clinical-note';
import { parseNoteText } from './clinical-note-parse';
import { conceptText, referenceString } from './fhir-read';
import { arrayOf, isRecord, stringOf, textOf } from './guards';
import type { PeerEncounterDraft } from './peer-encounter-draft';
import { parseReference, referenceKey, referenceTo, referenceToId } from './references';
import { draftIdOfEncounterKey, resourceKeyOf } from './resource-keys';
import { searchPath, type QueryParam } from './search-query';
import {
  offersResource,
  supportsSearchParam,
  supportsSort,
  type ServerCapabilities,
} from './server-capabilities';
import { isPeerEncounter } from './view-index';

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

interface NoteCommon {
  /** `DocumentReference/<id>`, or '' when the server sent no id. */
  readonly ref: string;
  readonly status: string;
  readonly docStatus?: string;
  /** When the note describes (context.period.start), else when it was written (date). */
  readonly start: string;
  /** The author's display, else wording that names no one; see authorReference. */
  readonly author: string;
  /** The author as referenced, for a name the display omitted (person-names.ts). */
  readonly authorReference?: string;
  /** `DocumentReference/<id>` of the notes this one replaces. */
  readonly replaces: readonly string[];
}

/** What a note says of an author it does not name: person-names.ts may still name them. */
export const UNNAMED_PEER_AUTHOR = 'Peer support specialist (name not shared)';
export const UNNAMED_AUTHOR = 'Author not shared';

/** A note PeerBridge wrote, read back from its own text. */
export interface PeerNote extends NoteCommon {
  readonly kind: 'peer';
  /** The draft id from the identifier; absent where the server dropped it (Oracle). */
  readonly draftId?: string;
  readonly draft: PeerEncounterDraft;
  /** The whole text as written: shown as text, line breaks kept. */
  readonly text: string;
  /** `Encounter/<id>` of context.encounter. */
  readonly encounters: readonly string[];
  readonly labels: readonly Coding[];
}

/** Any other clinical note: listed, never parsed. */
export interface OtherNote extends NoteCommon {
  readonly kind: 'other';
  /** The note type as the EHR names it ("Progress note"). */
  readonly title: string;
}

export type PatientNote = PeerNote | OtherNote;

function plainTextOf(document: DocumentReference): string | undefined {
  for (const content of arrayOf(document.content)) {
    const attachment: unknown = isRecord(content) ? content.attachment : undefined;
    const type = isRecord(attachment) ? (stringOf(attachment.contentType) ?? '') : '';
    const data = isRecord(attachment) ? stringOf(attachment.data) : undefined;
    if (type.toLowerCase().startsWith('text/plain') && data) {
      return base64ToUtf8(data);
    }
  }
  return undefined;
}

function startOf(document: DocumentReference): string {
  const context: unknown = document.context;
  const period: unknown = isRecord(context) ? context.period : undefined;
  return (isRecord(period) ? textOf(period.start) : undefined) ?? textOf(document.date) ?? '';
}

function authorOf(document: DocumentReference): { display: string; reference?: string } {
  const author: unknown = arrayOf(document.author)[0];
  const reference = isRecord(author) ? textOf(author.reference) : undefined;
  const display = (isRecord(author) ? textOf(author.display) : undefined) ?? '';
  return reference ? { display, reference } : { display };
}

function replacesOf(document: DocumentReference): string[] {
  return arrayOf(document.relatesTo).flatMap((relation) => {
    if (!isRecord(relation) || relation.code !== 'replaces' || !isRecord(relation.target)) {
      return [];
    }
    const target = parseReference(stringOf(relation.target.reference));
    return target?.resourceType === 'DocumentReference' ? [referenceTo(target)] : [];
  });
}

function encountersOf(document: DocumentReference): string[] {
  const context: unknown = document.context;
  const list: unknown = isRecord(context) ? context.encounter : undefined;
  return (Array.isArray(list) ? (list as unknown[]) : []).flatMap((reference) => {
    const key = referenceKey(referenceString(reference));
    return key?.startsWith('Encounter/') ? [key] : [];
  });
}

/** The note a DocumentReference is, for the timeline; undefined for one that is not a note at all. Total. */
export function readPatientNote(document: DocumentReference): PatientNote | undefined {
  const resource: unknown = document;
  if (!isRecord(resource) || resource.resourceType !== 'DocumentReference') {
    return undefined;
  }
  const id = textOf(document.id);
  const docStatus = textOf(document.docStatus);
  const author = authorOf(document);
  const common = {
    ref: id ? referenceToId('DocumentReference', id) : '',
    status: textOf(document.status) ?? 'unknown',
    ...(docStatus ? { docStatus } : {}),
    start: startOf(document),
    replaces: replacesOf(document),
    ...(author.reference ? { authorReference: author.reference } : {}),
  };
  const patient = parseReference(referenceString(document.subject));
  const text = plainTextOf(document);
  const stored = readClinicalNote(document);
  // No identifier (Oracle drops it): the text's own header says PeerBridge wrote it.
  const draft =
    stored?.draft ??
    (patient?.resourceType === 'Patient' && text !== undefined
      ? parseNoteText(text, { id: common.ref, patientId: patient.id })
      : undefined);
  if (draft && text !== undefined) {
    return {
      ...common,
      kind: 'peer',
      ...(stored ? { draftId: stored.draftId } : {}),
      // The peer's own time of contact, when the text states one.
      start: draft.start && !Number.isNaN(Date.parse(draft.start)) ? draft.start : common.start,
      author: author.display || UNNAMED_PEER_AUTHOR,
      draft,
      text,
      encounters: encountersOf(document),
      labels: arrayOf(document.meta?.security).filter((c) => isRecord(c)),
    };
  }
  return {
    ...common,
    kind: 'other',
    title: conceptText(document.type) || 'Clinical note',
    author: author.display || UNNAMED_AUTHOR,
  };
}

/** Whether the note is signed (final or amended), rather than a draft or a note withdrawn. */
export function isSignedNote(note: PatientNote): boolean {
  return (
    note.status === 'current' && note.docStatus !== 'preliminary' && note.docStatus !== 'entered-in-error'
  );
}

function isWithdrawn(note: PatientNote): boolean {
  return note.status === 'entered-in-error' || note.docStatus === 'entered-in-error';
}

/** `Encounter/<id>` of the peer encounters, and their draft ids from their identifiers. */
function structuredKeys(encounters: readonly Encounter[]): { refs: Set<string>; drafts: Set<string> } {
  const refs = new Set<string>();
  const drafts = new Set<string>();
  for (const encounter of encounters) {
    if (!isRecord(encounter) || !isPeerEncounter(encounter)) {
      continue;
    }
    const id = textOf(encounter.id);
    if (id) {
      refs.add(referenceToId('Encounter', id));
    }
    const draftId = draftIdOfEncounterKey(resourceKeyOf(encounter.identifier));
    if (draftId) {
      drafts.add(draftId);
    }
  }
  return { refs, drafts };
}

/**
 * The notes the timeline lists: a note replaced by another is left out (its replacement shows), a
 * PeerBridge note whose structured Encounter is also loaded is left out (the Encounter shows it, so
 * no contact is listed twice), drafts and notes entered in error only when drafts are asked for, and
 * superseded ones never (their replacement shows).
 */
export function visibleNotes(
  notes: readonly PatientNote[],
  encounters: readonly Encounter[],
  showDrafts: boolean,
): PatientNote[] {
  const replaced = new Set(notes.flatMap((note) => note.replaces));
  const structured = structuredKeys(encounters);
  const seen = new Set<string>();
  return notes.filter((note) => {
    if ((note.ref && (replaced.has(note.ref) || seen.has(note.ref))) || note.status === 'superseded') {
      return false;
    }
    if (note.ref) {
      seen.add(note.ref);
    }
    if (
      note.kind === 'peer' &&
      ((note.draftId !== undefined && structured.drafts.has(note.draftId)) ||
        note.encounters.some((ref) => structured.refs.has(ref)))
    ) {
      return false;
    }
    return isSignedNote(note) || (showDrafts && (isWithdrawn(note) || note.docStatus === 'preliminary'));
  });
}

/** Reads a page's DocumentReferences, skipping anything that is not one. */
export function readNotes(documents: readonly unknown[]): PatientNote[] {
  return documents.flatMap((document) => {
    const note = isRecord(document) ? readPatientNote(document as unknown as DocumentReference) : undefined;
    return note ? [note] : [];
  });
}
