/**
 * A write plan and a save's outcome in the peer's words: what this EHR will receive before the
 * first save, and what landed and what stays only inside the note after it.
 */
import { writesAnything, type StructuredPart, type WritePart, type WritePlan } from './write-plan';

const PART_WORDS: Readonly<Record<StructuredPart, string>> = {
  goals: 'new goals',
  encounter: 'the encounter',
  'questionnaire-responses': 'the item-by-item answers to measures',
  observations: 'activities, goal progress, response and measures',
  task: 'a follow-up task',
  provenance: 'who wrote it',
};

/** The follow-up wording the form shows where the EHR takes no requests from apps. */
export const FOLLOW_UP_NOT_SENT =
  "This EHR does not accept requests from apps: send it from the EHR's inbox too.";

const shown = (part: StructuredPart): boolean => part !== 'provenance' && part !== 'task';

/**
 * The parts in words. "measures" (observations) already covers the answers of the instruments
 * given item by item, so those are named apart only when the measures themselves are not listed.
 */
function partWords(parts: readonly StructuredPart[]): string[] {
  return parts
    .filter((part) => part !== 'questionnaire-responses' || !parts.includes('observations'))
    .map((part) => PART_WORDS[part]);
}

function keptInNote(plan: WritePlan, someStructured: boolean): string {
  const kept = plan.onlyInNote.filter(shown);
  if (!plan.note || kept.length === 0) {
    return '';
  }
  if (!someStructured) {
    return '; structured details stay inside the note';
  }
  return `; ${partWords(kept).join(', ')} stay inside the note`;
}

/** What the note itself says about a follow-up request no app could send. */
export const FOLLOW_UP_NOT_SENT_IN_NOTE = 'not sent by PeerBridge (this EHR takes no requests from apps)';

/**
 * One line for the peer, shown before the first save and in the saved-note view, e.g. "This EHR will
 * receive: a clinical note; structured details stay inside the note".
 */
export function describeWritePlan(plan: WritePlan): string {
  if (!writesAnything(plan)) {
    return 'This EHR accepts nothing PeerBridge can write: ask IT to allow clinical notes for PeerBridge.';
  }
  const parts: string[] = [];
  if (plan.note) {
    parts.push('a clinical note');
  }
  const structured = plan.structured.filter(shown);
  if (structured.length > 0) {
    parts.push(`structured details (${partWords(structured).join(', ')})`);
  }
  if (plan.followUp === 'task') {
    parts.push('follow-up requests as tasks');
  } else if (plan.followUp === 'communication') {
    parts.push('follow-up requests as messages to the chosen practitioner');
  }
  const kept = keptInNote(plan, structured.length > 0);
  return `This EHR will receive: ${parts.join('; ')}${kept}`;
}

/** What happened to a save's follow-up request. */
export type FollowUpOutcome = 'none' | 'task' | 'communication' | 'not-sent';

export interface SaveOutcome {
  /** The clinical note landed. */
  readonly note: boolean;
  /** Parts the server refused during this save. */
  readonly refused: readonly WritePart[];
  /** Structured parts that stay only inside the note (planned out, or refused). */
  readonly onlyInNote: readonly StructuredPart[];
  readonly followUp: FollowUpOutcome;
}

const REFUSED_WORDS: Readonly<Record<WritePart, string>> = {
  ...PART_WORDS,
  communication: 'the follow-up message',
  'draft-note': 'a draft note',
  'goal-status': 'goal status updates',
};

/** What landed and what stays only in the note, in plain words, for the saved-note view. */
export function describeSaveOutcome(outcome: SaveOutcome): string {
  const sentences: string[] = [];
  const kept = outcome.onlyInNote.filter(shown);
  if (outcome.note) {
    sentences.push(
      kept.length === 0 && outcome.onlyInNote.length === 0
        ? 'Saved to the EHR as a clinical note with its structured details.'
        : 'Saved to the EHR as a clinical note.',
    );
  } else {
    sentences.push('Saved to the EHR as structured details.');
  }
  if (outcome.refused.length > 0) {
    sentences.push(
      `This EHR did not accept ${outcome.refused.map((part) => REFUSED_WORDS[part]).join(', ')}.`,
    );
  }
  if (outcome.note && kept.length > 0) {
    sentences.push(`${capitalise(partWords(kept).join(', '))}: only inside the note.`);
  }
  switch (outcome.followUp) {
    case 'task':
      sentences.push('The follow-up request was sent as a task.');
      break;
    case 'communication':
      sentences.push('The follow-up request was sent to the chosen practitioner.');
      break;
    case 'not-sent':
      sentences.push(`The follow-up request is in the note only. ${FOLLOW_UP_NOT_SENT}`);
      break;
    case 'none':
      break;
  }
  return sentences.join(' ');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
