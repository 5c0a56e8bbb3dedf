import type { PeerEncounterDraft } from '../../domain/peer-encounter-draft';
import { sameContent } from '../../domain/writable-text';
import type { WorkInProgress } from './draft-store';

function sameParticipants(a: WorkInProgress, b: WorkInProgress): boolean {
  const keys = Object.keys(a.participants);
  return (
    keys.length === Object.keys(b.participants).length &&
    keys.every((id) => a.participants[id] === b.participants[id])
  );
}

/** Whether two versions of the work would write the same notes (see sameContent). */
function sameWork(a: WorkInProgress, b: WorkInProgress): boolean {
  if (!sameContent(a.draft, b.draft)) {
    return false;
  }
  return a.draft.format !== 'group' || (a.groupSummary === b.groupSummary && sameParticipants(a, b));
}

/**
 * Whether anything on screen is not in the record: compared by content with the work as the record
 * holds it (after the last whole save, or as opened), or with an empty note when nothing was saved.
 * The status is never compared: a save may be done while the peer typed on, and a submitted note
 * differs from a saved draft in status only, not in words.
 */
export function hasUnsavedChanges(
  current: WorkInProgress,
  inRecord: WorkInProgress | undefined,
  emptyNote: (draftId: string, start: string) => PeerEncounterDraft,
): boolean {
  const base = inRecord ?? {
    draft: emptyNote(current.draft.id, current.draft.start),
    participants: {},
    groupSummary: '',
  };
  return !sameWork({ ...base, draft: { ...base.draft, status: current.draft.status } }, current);
}
