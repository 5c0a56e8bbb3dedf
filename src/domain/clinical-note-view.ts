/**
 * The saved-note view of a save whose structured record did not land (Epic, Oracle Health): built
 * from the clinical note as written (readClinicalNote) and the draft that was sent, so the peer sees
 * the note as saved, by the right person, and can amend it. Pure.
 */
import type { DocumentReference } from 'fhir/r4';
import { readClinicalNote } from './clinical-note';
import { draftToTransaction } from './draft-to-transaction';
import type { TransactionContext } from './mapping-context';
import type { PeerEncounterDraft } from './peer-encounter-draft';
import { transactionToView } from './peer-encounter-view';
import type { PeerEncounterView, RecordStatus, ResourceVersion } from './peer-encounter-view-model';
import { clinicalNoteKey } from './clinical-note';

export interface WrittenNote {
  readonly id: string;
  readonly versionId?: string;
}

function statusOf(note: DocumentReference, revision: number): RecordStatus {
  if (note.status === 'entered-in-error') {
    return 'entered-in-error';
  }
  if (note.docStatus === 'preliminary') {
    return 'draft';
  }
  return revision > 1 || note.relatesTo?.some((r) => r.code === 'replaces') ? 'amended' : 'final';
}

/** The version of the note a later save replaces or marks. */
export function noteVersion(note: DocumentReference, written: WrittenNote): ResourceVersion | undefined {
  const stored = readClinicalNote({ ...note, id: written.id });
  if (!stored) {
    return undefined;
  }
  return {
    resourceType: 'DocumentReference',
    id: written.id,
    ...(written.versionId ? { versionId: written.versionId } : {}),
    key: clinicalNoteKey(stored.draftId, stored.revision),
    resource: { ...note, id: written.id },
  };
}

/**
 * The view of `draft` saved as `note` only. `note` is what PeerBridge sent (some servers answer a
 * create with no body, and drop the identifier); `written` is where the server stored it.
 */
export function noteOnlyView(
  draft: PeerEncounterDraft,
  note: DocumentReference,
  written: WrittenNote,
  context: TransactionContext,
): PeerEncounterView | undefined {
  const version = noteVersion(note, written);
  const stored = version ? readClinicalNote({ ...note, id: written.id }) : undefined;
  // The display labels of the draft, as the structured view would show them.
  const shaped = transactionToView(draftToTransaction(draft, context));
  if (!version || !stored || !shaped) {
    return undefined;
  }
  return {
    ...shaped,
    draft,
    encounterRef: '',
    recordStatus: statusOf(note, stored.revision),
    author: stored.author,
    ...(stored.date ? { lastUpdated: stored.date } : {}),
    provenance: [],
    versions: [],
    nextRevision: stored.revision + 1,
    resources: [version.resource],
    clinicalNote: version,
  };
}
