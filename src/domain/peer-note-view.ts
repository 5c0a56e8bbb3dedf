/**
 * A PeerBridge clinical note read back from its text, in the shape the note detail shows a structured
 * peer encounter: where the EHR keeps only the note, the clinician still sees every field the peer
 * wrote. The text holds the whole note, so every part is known; the note's history (Provenance) is not
 * read for a note and stays "not loaded".
 */
import {
  activityCoding,
  contactModeCoding,
  followUpReasonCoding,
  goalProgressCoding,
  responseCoding,
  settingCoding,
  urgencyCoding,
} from './draft-codings';
import type { PeerNote } from './patient-notes';
import type { PeerEncounterView, RecordStatus } from './peer-encounter-view-model';

function statusOf(note: PeerNote): RecordStatus {
  if (note.status === 'entered-in-error' || note.docStatus === 'entered-in-error') {
    return 'entered-in-error';
  }
  if (note.docStatus === 'preliminary') {
    return 'draft';
  }
  if (note.replaces.length > 0 || note.docStatus === 'amended') {
    return 'amended';
  }
  return note.docStatus === 'final' || note.draft.status === 'final' ? 'final' : 'unknown';
}

/** The label a code has in PeerBridge's value sets, or the code itself (never nothing). */
function label(lookup: (code: string) => { display?: string }, code: string): string {
  return lookup(code).display ?? code;
}

export function peerNoteView(note: PeerNote): PeerEncounterView {
  const { draft } = note;
  return {
    draft,
    encounterRef: note.ref,
    recordStatus: statusOf(note),
    author: note.authorReference
      ? { reference: note.authorReference, display: note.author }
      : { display: note.author },
    labels: note.labels,
    display: {
      contactMode: draft.contactMode ? label(contactModeCoding, draft.contactMode) : '',
      setting: draft.setting ? label(settingCoding, draft.setting) : '',
      activities: draft.activities.map((code) => label(activityCoding, code)),
      goalProgress: draft.goals.map((goal) => label(goalProgressCoding, goal.progress)),
      response: draft.response ? label(responseCoding, draft.response.code) : '',
      followUpReason: draft.followUp ? label(followUpReasonCoding, draft.followUp.reason) : '',
      followUpUrgency: draft.followUp ? label(urgencyCoding, draft.followUp.urgency) : '',
    },
    provenance: [],
    versions: [],
    nextRevision: note.replaces.length + 2,
    resources: [],
    loaded: { observations: true, responses: true, tasks: true, provenances: false },
  };
}
