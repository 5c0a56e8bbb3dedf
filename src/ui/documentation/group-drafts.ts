import type { PeerEncounterDraft } from '../../domain/peer-encounter-draft';
import type { SaveKind } from '../../fhir/save-note-result';
import { hasWritableText } from '../../domain/writable-text';
import type { WorkInProgress } from './draft-store';

/**
 * The note another participant of a group session gets: the shared facts of the session and the
 * group summary, under their own draft id and patient, with nothing about the person whose chart
 * is open (no goals, response, measures, follow-up or individual words).
 */
export function participantDraft(
  source: PeerEncounterDraft,
  participant: { readonly patientId: string; readonly draftId: string },
  groupSummary: string,
): PeerEncounterDraft {
  return {
    id: participant.draftId,
    patientId: participant.patientId,
    start: source.start,
    durationMinutes: source.durationMinutes,
    contactMode: source.contactMode,
    ...(source.setting ? { setting: source.setting } : {}),
    format: 'group',
    ...(source.groupSession ? { groupSession: source.groupSession } : {}),
    activities: source.activities,
    goals: [],
    narrative: groupSummary,
    measures: [],
    sensitivity: source.sensitivity,
    status: source.status,
  };
}

/** A participant's own note, as one save writes it. */
export interface ParticipantNote {
  readonly patientId: string;
  readonly draft: PeerEncounterDraft;
}

/** The other participants' own notes: the shared facts and the group summary (or the note, if none). */
export function participantNotesOf(sent: WorkInProgress, kind: SaveKind): ParticipantNote[] {
  if (sent.draft.format !== 'group') {
    return [];
  }
  const summary = hasWritableText(sent.groupSummary) ? sent.groupSummary : sent.draft.narrative;
  return Object.entries(sent.participants).map(([patientId, draftId]) => ({
    patientId,
    draft: participantDraft({ ...sent.draft, status: kind }, { patientId, draftId }, summary),
  }));
}
