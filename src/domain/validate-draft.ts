/**
 * Checks a draft before it is saved, with one message per field in words a peer understands and a
 * `field` path the form can focus (`durationMinutes`, `goals.1.progress`). A draft saved to the
 * record needs what valid FHIR needs (who, when, how long, how); signing it also needs at least one
 * activity and a note.
 */
import {
  ACTIVITIES,
  CONTACT_MODES,
  FOLLOW_UP_REASONS,
  FOLLOW_UP_URGENCIES,
  RESPONSES,
  sessionFormatOf,
  SETTINGS,
} from './codes';
import { isFullDate } from './next-contact';
import { isDateTimeWithOffset } from './date-time';
import { isSafeKey, type DraftStatus, type PeerEncounterDraft } from './peer-encounter-draft';
import { parseReference } from './references';
import { codesOf, LIMITS, listInWords, tooLong, type DraftProblem } from './draft-problems';
import { validateGoals, validateMeasures } from './validate-draft-parts';

export type { DraftProblem } from './draft-problems';

const DAY_MS = 24 * 60 * 60 * 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OWNER_TYPES = new Set(['Practitioner', 'PractitionerRole', 'CareTeam', 'Organization']);

const CONTACT_MODE_CODES = codesOf(CONTACT_MODES);
const SETTING_CODES = codesOf(SETTINGS);
const ACTIVITY_CODES = codesOf(ACTIVITIES);
const RESPONSE_CODES = codesOf(RESPONSES);
const REASON_CODES = codesOf(FOLLOW_UP_REASONS);
const URGENCY_CODES = codesOf(FOLLOW_UP_URGENCIES);

function validateWhenAndHow(draft: PeerEncounterDraft, now: Date, problems: DraftProblem[]): void {
  if (!isDateTimeWithOffset(draft.start)) {
    problems.push({ field: 'start', message: 'Enter when the contact started: a date and a time.' });
  } else if (Date.parse(draft.start) > now.getTime() + DAY_MS) {
    problems.push({
      field: 'start',
      message: 'The start is more than a day from now. Check the date and time.',
    });
  }
  const minutes = draft.durationMinutes;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > LIMITS.durationMinutes) {
    problems.push({
      field: 'durationMinutes',
      message: 'Enter how long the contact lasted, in minutes (1 to 600).',
    });
  }
  if (!CONTACT_MODE_CODES.has(draft.contactMode)) {
    problems.push({
      field: 'contactMode',
      message: `Choose how you were in contact: ${listInWords(CONTACT_MODES)}.`,
    });
  }
  if (draft.setting !== undefined && !SETTING_CODES.has(draft.setting)) {
    problems.push({ field: 'setting', message: 'Choose where the contact took place from the list.' });
  }
  const format = sessionFormatOf(draft.format);
  if (!format) {
    problems.push({ field: 'format', message: 'Choose whether this was an individual or a group contact.' });
  }
  if (format === 'group') {
    if (!draft.groupSession || !isSafeKey(draft.groupSession.id)) {
      problems.push({ field: 'groupSession', message: 'Choose the group session this contact was part of.' });
    }
    tooLong(problems, 'groupSession.title', draft.groupSession?.title, LIMITS.groupTitle, 'The group name');
  }
}

function validateActivities(draft: PeerEncounterDraft, kind: DraftStatus, problems: DraftProblem[]): void {
  if (kind === 'final' && draft.activities.length === 0) {
    problems.push({ field: 'activities', message: 'Choose at least one activity.' });
  }
  draft.activities.forEach((code, i) => {
    if (!ACTIVITY_CODES.has(code)) {
      problems.push({
        field: `activities.${i}`,
        message: 'This activity is not on the list. Choose it again.',
      });
    } else if (draft.activities.indexOf(code) !== i) {
      problems.push({ field: `activities.${i}`, message: 'This activity is chosen twice. Remove one.' });
    }
  });
}

function validateResponseAndFollowUp(draft: PeerEncounterDraft, problems: DraftProblem[]): void {
  if (draft.response) {
    if (!RESPONSE_CODES.has(draft.response.code)) {
      problems.push({ field: 'response.code', message: 'Choose how the person responded from the list.' });
    }
    tooLong(problems, 'response.comment', draft.response.comment, LIMITS.comment, 'The comment');
  }
  const followUp = draft.followUp;
  if (!followUp) {
    return;
  }
  if (!REASON_CODES.has(followUp.reason)) {
    problems.push({ field: 'followUp.reason', message: 'Choose why a clinician should follow up.' });
  }
  if (!URGENCY_CODES.has(followUp.urgency)) {
    problems.push({
      field: 'followUp.urgency',
      message: `Choose how soon: ${listInWords(FOLLOW_UP_URGENCIES)}.`,
    });
  }
  const owner = followUp.recipient ? parseReference(followUp.recipient.reference) : undefined;
  if (followUp.recipient && !(owner && OWNER_TYPES.has(owner.resourceType))) {
    problems.push({
      field: 'followUp.recipient',
      message: 'Choose who should follow up from the care team.',
    });
  }
  tooLong(problems, 'followUp.note', followUp.note, LIMITS.comment, 'The note for the clinician');
}

/** Problems that stop `draft` being saved as `kind`; empty when it can be saved. */
export function validateDraftForSave(
  draft: PeerEncounterDraft,
  kind: DraftStatus,
  now: Date,
): DraftProblem[] {
  const problems: DraftProblem[] = [];
  if (!UUID.test(draft.id)) {
    problems.push({
      field: 'id',
      message: 'This note has lost its id. Start a new note and copy the text across.',
    });
  }
  if (!isSafeKey(draft.patientId)) {
    problems.push({ field: 'patientId', message: 'Choose the person this note is about.' });
  }
  validateWhenAndHow(draft, now, problems);
  validateActivities(draft, kind, problems);
  validateGoals(draft, problems);
  validateResponseAndFollowUp(draft, problems);
  if (kind === 'final' && draft.narrative.trim() === '') {
    problems.push({ field: 'narrative', message: 'Write a short note about the contact.' });
  }
  tooLong(problems, 'narrative', draft.narrative, LIMITS.narrative, 'The note');
  tooLong(problems, 'nextSteps', draft.nextSteps, LIMITS.nextSteps, 'Next steps');
  validateNextContact(draft, problems);
  validateMeasures(draft, problems);
  return problems;
}

/** A planned next contact is a whole date, on or after the day of this contact. */
function validateNextContact(draft: PeerEncounterDraft, problems: DraftProblem[]): void {
  const next = draft.nextContact;
  if (next === undefined) {
    return;
  }
  if (!isFullDate(next)) {
    problems.push({ field: 'nextContact', message: 'Give the next contact as a date, or leave it empty.' });
  } else if (next < draft.start.slice(0, 10)) {
    problems.push({
      field: 'nextContact',
      message: 'The next contact is before this one: choose a later date, or leave it empty.',
    });
  }
}

/** validateDraftForSave for the status the draft asks for. */
export function validateDraft(draft: PeerEncounterDraft, now: Date): DraftProblem[] {
  return validateDraftForSave(draft, draft.status, now);
}
