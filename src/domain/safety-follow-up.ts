/**
 * A safety answer (PHQ-9 item 9 above "Not at all", instrument-scoring.ts `safetyAnswerOf`) is a safety
 * event, not an asynchronous follow-up (issue 13 item 2). Applied to the draft on every update, this
 * rule makes the note's clinician follow-up say so while the answer stands:
 * - reason `safety-concern`, urgency at least `urgent` (request-priority; ASAP stays ASAP);
 * - a note whose first line(s) name the reason in the instrument's words, followed by whatever the
 *   peer wrote, which is never lost;
 * - the peer may choose who follows up and add words, but neither lower the urgency nor remove it.
 * When the answer is changed back (or the instrument cleared), the follow-up the peer had before comes
 * back; the automatic one goes away only if the peer added nothing to it, otherwise it stays, without
 * the line about an answer that no longer stands.
 *
 * Pure and idempotent: the draft carries no marker of its own; the lines this rule writes are
 * recognised whole (each is the reason of a safety answer), and the follow-up as the peer had it before the rule took
 * it over is handed back for the caller to keep beside the draft (it is not part of the record).
 */
import { isAtLeastAsUrgent, SAFETY_CONCERN_REASON, URGENT_PRIORITY } from './codes-follow-up';
import { INSTRUMENTS } from './codes-instruments';
import { safetyAnswerOf, type SafetyAnswer } from './instrument-scoring';
import type { DraftFollowUp, DraftMeasure, PeerEncounterDraft } from './peer-encounter-draft';

/** The safety answers among these measures' instruments, in their order (a draft's, or a note read back). */
export function safetyAnswersIn(measures: readonly DraftMeasure[]): SafetyAnswer[] {
  return measures.flatMap((measure) => {
    if (measure.kind !== 'instrument') {
      return [];
    }
    const instrument = INSTRUMENTS.get(measure.instrument);
    const answer = instrument && safetyAnswerOf(instrument, measure.answers);
    return answer ? [answer] : [];
  });
}

/** The safety answers among the draft's instruments, in the draft's order. */
export function safetyAnswersOf(draft: PeerEncounterDraft): SafetyAnswer[] {
  return safetyAnswersIn(draft.measures);
}

/**
 * Every line this rule can write: the reason of each safety answer an instrument can give
 * (SafetyAnswer.reason names the answer). Matched whole, so a line the peer typed that merely starts
 * with those words is the peer's, and is never taken for the rule's.
 */
const SAFETY_LINES: ReadonlySet<string> = new Set(
  [...INSTRUMENTS.values()].flatMap((instrument) => {
    const item = instrument.items.find((candidate) => candidate.linkId === instrument.safetyItem?.linkId);
    return (item?.answers ?? []).flatMap((answer) => {
      const safety = safetyAnswerOf(instrument, { [item?.linkId ?? '']: answer.coding.code });
      return safety ? [safety.reason] : [];
    });
  }),
);

/** A line this rule wrote. */
function isSafetyLine(line: string): boolean {
  return SAFETY_LINES.has(line);
}

function hasSafetyLines(note: string | undefined): boolean {
  return (note ?? '').split('\n').some(isSafetyLine);
}

/**
 * The peer's own words in a follow-up note: all of it but the lines this rule wrote. Not trimmed: the
 * form shows them in the box the peer is typing in, where a trailing space or line break is typing.
 */
export function peerWordsOf(note: string | undefined): string {
  return (note ?? '')
    .split('\n')
    .filter((line) => !isSafetyLine(line))
    .join('\n');
}

function hasWords(words: string): boolean {
  return words.trim() !== '';
}

/** The lines naming the reason that a follow-up note starts with while safety answers stand. */
export function safetyNoteLines(answers: readonly SafetyAnswer[]): string {
  return answers.map((answer) => answer.reason).join('\n');
}

/** Whether the draft's follow-up is held by a safety answer: urgency and removal are locked. */
export function isSafetyLocked(draft: PeerEncounterDraft): boolean {
  return safetyAnswersOf(draft).length > 0;
}

export interface SafetyFollowUpResult {
  readonly draft: PeerEncounterDraft;
  /** The follow-up as the peer had it before the rule took it over; keep it and pass it back next time. */
  readonly before?: DraftFollowUp;
}

function withoutFollowUp(draft: PeerEncounterDraft): PeerEncounterDraft {
  const { followUp: _removed, ...rest } = draft;
  return rest;
}

function withNote(followUp: DraftFollowUp, note: string): DraftFollowUp {
  const { note: _old, ...rest } = followUp;
  return note ? { ...rest, note } : rest;
}

/** The urgency the rule gives a follow-up: its own when at least urgent, else urgent. */
function raisedUrgency(followUp: DraftFollowUp | undefined): string {
  return followUp && isAtLeastAsUrgent(followUp.urgency, URGENT_PRIORITY.code)
    ? followUp.urgency
    : URGENT_PRIORITY.code;
}

function sameFollowUp(a: DraftFollowUp | undefined, b: DraftFollowUp | undefined): boolean {
  return (
    a?.reason === b?.reason &&
    a?.urgency === b?.urgency &&
    a?.note === b?.note &&
    a?.recipient?.reference === b?.recipient?.reference &&
    a?.recipient?.display === b?.recipient?.display
  );
}

/**
 * The draft with its follow-up made to follow its safety answers. `before` is what the last call
 * handed back (undefined at first): the follow-up the peer had before the rule took it over.
 */
export function applySafetyFollowUp(
  draft: PeerEncounterDraft,
  before: DraftFollowUp | undefined,
): SafetyFollowUpResult {
  const answers = safetyAnswersOf(draft);
  const current = draft.followUp;
  const takenOver = hasSafetyLines(current?.note);
  if (answers.length > 0) {
    // The first time, the peer's own follow-up (if any) is what to give back should the answer change.
    const peers = takenOver ? before : current;
    const words = peerWordsOf(current?.note);
    const lines = safetyNoteLines(answers);
    const followUp: DraftFollowUp = {
      ...withNote(current ?? { reason: '', urgency: '' }, hasWords(words) ? `${lines}\n${words}` : lines),
      reason: SAFETY_CONCERN_REASON.code,
      urgency: raisedUrgency(current),
    };
    const next = sameFollowUp(followUp, current) ? draft : { ...draft, followUp };
    return { draft: next, ...(peers ? { before: peers } : {}) };
  }
  if (!current || !takenOver) {
    return { draft };
  }
  // The answer no longer stands. What the rule made of the peer's follow-up, had they changed nothing:
  const words = peerWordsOf(current.note);
  const untouched =
    words.trim() === peerWordsOf(before?.note).trim() &&
    current.recipient?.reference === before?.recipient?.reference &&
    current.urgency === raisedUrgency(before);
  if (untouched) {
    return { draft: before ? { ...draft, followUp: before } : withoutFollowUp(draft) };
  }
  return { draft: { ...draft, followUp: withNote(current, hasWords(words) ? words : '') } };
}
