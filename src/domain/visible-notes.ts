import type { Encounter } from 'fhir/r4';
import { isRecord, textOf } from './guards';
import type { PatientNote } from './patient-notes';
import { referenceToId } from './references';
import { draftIdOfEncounterKey, resourceKeyOf } from './resource-keys';
import { isPeerEncounter } from './view-index';

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
