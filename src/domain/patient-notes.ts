/**
 * The patient's clinical notes (DocumentReferences) as the clinician's timeline shows them. On Epic-
 * and Oracle-shaped servers PeerBridge's work lands only as a note, so its notes are read back in full
 * (parsing only PeerBridge's own rendering, clinical-note-text.ts); every other note is listed by its
 * type, author and date and never parsed. Oracle Health drops `identifier` and `category` on create,
 * so a PeerBridge note is recognised by its identifier or, failing that, by the text's own header.
 * https://hl7.org/fhir/us/core/clinical-notes.html
 */
import type { Coding, DocumentReference } from 'fhir/r4';
import { base64ToUtf8, readClinicalNote } from './clinical-note';
import { parseNoteText } from './clinical-note-parse';
import { conceptText, referenceString } from './fhir-read';
import { arrayOf, isRecord, stringOf, textOf } from './guards';
import type { PeerEncounterDraft } from './peer-encounter-draft';
import { parseReference, referenceKey, referenceTo, referenceToId } from './references';

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

/** Reads a page's DocumentReferences, skipping anything that is not one. */
export function readNotes(documents: readonly unknown[]): PatientNote[] {
  return documents.flatMap((document) => {
    const note = isRecord(document) ? readPatientNote(document as unknown as DocumentReference) : undefined;
    return note ? [note] : [];
  });
}
