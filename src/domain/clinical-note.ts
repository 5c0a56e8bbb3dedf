/**
 * The peer's note as a US Core clinical note: a DocumentReference (category clinical-note, a LOINC
 * note type) whose one text/plain attachment is the whole note in readable words. Epic and Oracle
 * Health accept almost nothing else from an app, and many EHRs show only notes, so this is the part of
 * a save that lands first everywhere (https://hl7.org/fhir/us/core/writing-clinical-notes.html).
 *
 * Idempotent by `identifier` (PeerBridge's resource-key system + the draft's UUID and revision): a
 * retry finds what an earlier attempt wrote. An amendment is a new note that `replaces` the earlier.
 */
import type { Coding, DocumentReference, Reference } from 'fhir/r4';
import { CLINICAL_NOTE, PROFILE, RESOURCE_KEY_SYSTEM, SECURITY_LABELS } from './codes';
import { addMinutesToDateTime } from './date-time';
import { arrayOf, isRecord, stringOf, textOf } from './guards';
import type { TransactionAuthor } from './mapping-context';
import { parseNoteText } from './clinical-note-parse';
import { noteDraft, renderNoteText, type NoteTextOptions } from './clinical-note-text';
import type { PeerEncounterDraft } from './peer-encounter-draft';
import { parseReference, referenceTo, referenceToId } from './references';
import { keyIdentifier, resourceKey, resourceKeyOf } from './resource-keys';

export interface ClinicalNoteContext {
  /** The signed-in practitioner: Oracle Health requires the note's author to be that user. */
  readonly author: TransactionAuthor;
  /** ISO instant of the save: DocumentReference.date. */
  readonly now: string;
  /** The encounter the EHR launched PeerBridge in, if any: context.encounter. */
  readonly encounterId?: string;
  /** The site's own note type; LOINC 11506-3 Progress note otherwise. */
  readonly noteType?: Coding;
  /** 1 for the first note of a draft; an amendment is the next revision. */
  readonly revision?: number;
  /** `DocumentReference/<id>` of the note this one replaces (an amendment). */
  readonly replaces?: string;
  readonly text?: NoteTextOptions;
}

/** Base64 of the UTF-8 bytes of `text` (Attachment.data). */
export function utf8ToBase64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary);
}

/** The text of base64 UTF-8, or undefined when it is not base64. Invalid UTF-8 becomes U+FFFD. */
export function base64ToUtf8(data: string): string | undefined {
  try {
    const binary = atob(data.replace(/\s+/g, ''));
    return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

export function clinicalNoteKey(draftId: string, revision: number): string {
  return resourceKey.clinicalNote(draftId, revision);
}

/** The identifier search that finds a note written earlier (a retry, or a server without conditional create). */
export function clinicalNoteIdentifier(draftId: string, revision: number): string {
  return `${RESOURCE_KEY_SYSTEM}|${clinicalNoteKey(draftId, revision)}`;
}

function authorReference(author: TransactionAuthor): Reference {
  return author.display
    ? { reference: author.practitioner, display: author.display }
    : { reference: author.practitioner };
}

/** The DocumentReference of `draft`; the caller has validated the draft (validateDraftForSave). */
export function buildClinicalNote(
  draft: PeerEncounterDraft,
  context: ClinicalNoteContext,
): DocumentReference {
  const note = noteDraft(draft);
  const revision = context.revision ?? 1;
  const type = context.noteType ?? CLINICAL_NOTE.progressNote;
  const labels = SECURITY_LABELS[note.sensitivity];
  const end = addMinutesToDateTime(note.start, note.durationMinutes);
  const text = renderNoteText(note, context.text);
  return {
    resourceType: 'DocumentReference',
    meta: {
      profile: [PROFILE.clinicalNote],
      ...(labels.length > 0 ? { security: labels.slice() } : {}),
    },
    identifier: [keyIdentifier(clinicalNoteKey(note.id, revision))],
    status: 'current',
    docStatus: note.status === 'final' ? 'final' : 'preliminary',
    type: { coding: [{ ...type }], ...(type.display ? { text: type.display } : {}) },
    category: [{ coding: [{ ...CLINICAL_NOTE.category }] }],
    subject: { reference: referenceToId('Patient', note.patientId) },
    date: context.now,
    author: [authorReference(context.author)],
    ...(context.replaces
      ? { relatesTo: [{ code: 'replaces', target: { reference: context.replaces } }] }
      : {}),
    description: firstLine(text),
    content: [
      {
        attachment: {
          contentType: CLINICAL_NOTE.contentType,
          language: 'en',
          data: utf8ToBase64(text),
          title: firstLine(text),
          creation: context.now,
        },
      },
    ],
    context: {
      ...(context.encounterId
        ? { encounter: [{ reference: referenceToId('Encounter', context.encounterId) }] }
        : {}),
      period: end ? { start: note.start, end } : { start: note.start },
    },
  };
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? '';
}

/** The earlier note, marked `superseded` by its replacement (where the server allows update). */
export function supersededNote(previous: DocumentReference): DocumentReference {
  return { ...previous, status: 'superseded' };
}

/** A note written by mistake, marked so (where the server allows update). */
export function enteredInErrorNote(previous: DocumentReference): DocumentReference {
  return { ...previous, status: 'entered-in-error' };
}

/** A PeerBridge clinical note as read back from a server. */
export interface StoredClinicalNote {
  readonly id?: string;
  readonly draftId: string;
  readonly revision: number;
  readonly draft: PeerEncounterDraft;
  readonly status: string;
  readonly docStatus?: string;
  readonly date?: string;
  readonly author: { readonly reference?: string; readonly display: string };
  /** `DocumentReference/<id>` of the notes this one replaces. */
  readonly replaces: readonly string[];
}

function noteKeyParts(key: string | undefined): { draftId: string; revision: number } | undefined {
  const match = /^(.+):note:([1-9]\d{0,5})$/.exec(key ?? '');
  return match?.[1] && match[2] ? { draftId: match[1], revision: Number(match[2]) } : undefined;
}

function attachmentText(document: DocumentReference): string | undefined {
  for (const content of arrayOf(document.content)) {
    const attachment: unknown = isRecord(content) ? content.attachment : undefined;
    if (!isRecord(attachment)) {
      continue;
    }
    const type = stringOf(attachment.contentType) ?? '';
    const data = stringOf(attachment.data);
    if (type.toLowerCase().startsWith('text/plain') && data) {
      return base64ToUtf8(data);
    }
  }
  return undefined;
}

/**
 * The note a DocumentReference holds, when PeerBridge wrote it (its identifier and its own text
 * rendering); undefined for any other document. Total over server data.
 */
export function readClinicalNote(document: DocumentReference): StoredClinicalNote | undefined {
  const key = noteKeyParts(resourceKeyOf(document.identifier));
  const patient = parseReference(
    stringOf(isRecord(document.subject) ? document.subject.reference : undefined),
  );
  const text = attachmentText(document);
  if (!key || patient?.resourceType !== 'Patient' || text === undefined) {
    return undefined;
  }
  const draft = parseNoteText(text, { id: key.draftId, patientId: patient.id });
  if (!draft) {
    return undefined;
  }
  const author: unknown = arrayOf(document.author)[0];
  const reference = isRecord(author) ? textOf(author.reference) : undefined;
  const display = (isRecord(author) ? textOf(author.display) : undefined) ?? reference ?? '';
  const docStatus = textOf(document.docStatus);
  const date = textOf(document.date);
  const id = textOf(document.id);
  return {
    ...(id ? { id } : {}),
    draftId: key.draftId,
    revision: key.revision,
    draft,
    status: textOf(document.status) ?? 'unknown',
    ...(docStatus ? { docStatus } : {}),
    ...(date ? { date } : {}),
    author: reference ? { reference, display } : { display },
    replaces: arrayOf(document.relatesTo).flatMap((relation) => {
      if (!isRecord(relation) || relation.code !== 'replaces' || !isRecord(relation.target)) {
        return [];
      }
      const target = parseReference(stringOf(relation.target.reference));
      return target ? [referenceTo(target)] : [];
    }),
  };
}
