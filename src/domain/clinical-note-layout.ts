/**
 * The layout of PeerBridge's clinical note text: plain "Label: value" lines, sub-items indented by
 * two spaces, and text of more than one line under its label, indented by four. One vocabulary for
 * writing it (clinical-note-text.ts) and reading it back (clinical-note-parse.ts).
 */
import { SECURITY_LABELS, type Sensitivity } from './codes';
import { labelNotice } from './label-notice';

export const NOTE_TITLE = 'Peer support note (written with PeerBridge)';

export const LABEL = {
  status: 'Status',
  when: 'When',
  duration: 'Duration',
  mode: 'Mode',
  setting: 'Setting',
  format: 'Format',
  session: 'Session',
  sessionKey: 'Session key',
  activities: 'Activities',
  goal: 'Goal',
  progress: 'Progress',
  goalRecord: 'Goal record',
  newGoalKey: 'New goal key',
  comment: 'Comment',
  response: 'Response',
  measure: 'Measure',
  narrative: 'Narrative',
  nextSteps: 'Next steps',
  nextContact: 'Next contact planned',
  followUp: 'Follow-up',
  urgency: 'Urgency',
  to: 'To',
  recipientRecord: 'Recipient record',
  followUpNote: 'Note',
  sent: 'Sent',
  privacy: 'Privacy',
} as const;

export const SIGNED = 'Signed';
export const UNSIGNED = 'Draft, not signed';
const PRIVACY_NORMAL = 'No extra restriction';
export const LIST_SEPARATOR = '; ';
export const SUB = '  ';
export const BLOCK = '    ';

export const SCORE_SUFFIX = ' total score ';

/** The privacy line: the security labels' notice, or that there is no extra restriction. */
export function privacyText(sensitivity: Sensitivity): string {
  return labelNotice(SECURITY_LABELS[sensitivity]) ?? PRIVACY_NORMAL;
}
