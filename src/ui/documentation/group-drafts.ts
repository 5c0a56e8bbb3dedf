import type { PeerEncounterDraft } from '../../domain/peer-encounter-draft';

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
