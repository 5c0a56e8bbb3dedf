/**
 * The clinical note as text a clinician can read in any EHR (the layout: clinical-note-layout.ts).
 * Every line a peer typed is indented under a label, so no typed text can pose as another field;
 * markup is never interpreted (the attachment is text/plain) and control characters are replaced.
 */
import { instrumentItemLines, instrumentSummary } from './instrument-text';
import { INSTRUMENTS } from './codes-instruments';
import {
  ACTIVITIES,
  BILLING,
  CHECK_IN_ITEMS,
  CONTACT_MODES,
  FOLLOW_UP_REASONS,
  FOLLOW_UP_URGENCIES,
  GOAL_PROGRESS,
  OBSERVATION_CODE,
  RESPONSES,
  SCORE_MEASURES,
  SESSION_FORMAT,
  SETTINGS,
} from './codes';
import {
  BLOCK,
  LABEL,
  LIST_SEPARATOR,
  NOTE_TITLE,
  privacyText,
  SCORE_SUFFIX,
  SIGNED,
  SUB,
  UNSIGNED,
} from './clinical-note-layout';
import {
  billingUnits,
  type DraftGoalProgress,
  type DraftMeasure,
  type PeerEncounterDraft,
} from './peer-encounter-draft';
import type { Concept } from './terminology';
import { writableDraft } from './writable-text';
import { referenceToId } from './references';

/**
 * Replaces what must not reach a plain-text note: control characters other than tab and newline
 * (a carriage return becomes a newline), Unicode line and paragraph separators, and the bidirectional
 * controls that can make text read differently from how it is stored ("Trojan Source").
 */
export function plainNoteText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, '\uFFFD');
}

/** The draft as its clinical note keeps it: the writable draft with every typed text made plain. */
export function noteDraft(draft: PeerEncounterDraft): PeerEncounterDraft {
  const d = writableDraft(draft);
  const plain = <T extends string | undefined>(text: T): T =>
    (text === undefined ? text : plainNoteText(text)) as T;
  return {
    ...d,
    narrative: plain(d.narrative),
    ...(d.nextSteps !== undefined ? { nextSteps: plain(d.nextSteps) } : {}),
    ...(d.response
      ? {
          response: {
            code: d.response.code,
            ...(d.response.comment !== undefined ? { comment: plain(d.response.comment) } : {}),
          },
        }
      : {}),
    ...(d.followUp
      ? {
          followUp: {
            ...d.followUp,
            ...(d.followUp.recipient
              ? {
                  recipient: {
                    reference: oneLine(d.followUp.recipient.reference),
                    display: plain(d.followUp.recipient.display),
                  },
                }
              : {}),
            ...(d.followUp.note !== undefined ? { note: plain(d.followUp.note) } : {}),
          },
        }
      : {}),
    ...(d.groupSession
      ? {
          groupSession: {
            id: oneLine(d.groupSession.id),
            ...(d.groupSession.title !== undefined ? { title: plain(d.groupSession.title) } : {}),
          },
        }
      : {}),
    goals: d.goals.map((g): DraftGoalProgress => {
      const goal =
        g.goal.kind === 'existing'
          ? { ...g.goal, id: oneLine(g.goal.id), description: plain(g.goal.description) }
          : { ...g.goal, key: oneLine(g.goal.key), description: plain(g.goal.description) };
      return g.comment !== undefined ? { ...g, goal, comment: plain(g.comment) } : { ...g, goal };
    }),
  };
}

/** Ids and references go on one line: validation keeps newlines out of them, this keeps them out anyway. */
function oneLine(text: string): string {
  return plainNoteText(text).replace(/\n/g, ' ');
}

function field(indent: string, label: string, value: string): string[] {
  if (!value.includes('\n')) {
    return [`${indent}${label}: ${value}`];
  }
  return [`${indent}${label}:`, ...value.split('\n').map((line) => `${indent}${BLOCK}${line}`)];
}

function displayOf(list: readonly Concept[], code: string): string {
  return list.find((c) => c.code === code)?.display ?? code;
}

/** `2026-11-20 12:05 (UTC-05:00)` for a dateTime to the minute; anything else as written. */
function formatWhen(start: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}):00(Z|[+-]\d{2}:\d{2})$/.exec(start);
  if (!match) {
    return start;
  }
  const [, date, time, offset] = match;
  return `${date ?? ''} ${time ?? ''} (UTC${offset === 'Z' ? '' : (offset ?? '')})`;
}

function formatDuration(minutes: number): string {
  const units = billingUnits(minutes);
  const length = `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
  return `${length} (billing: ${units} ${units === 1 ? 'unit' : 'units'} of ${BILLING.peerServices.code})`;
}

function formatMeasure(measure: DraftMeasure): string {
  if (measure.kind === 'score') {
    const name = SCORE_MEASURES.find((m) => m.coding.code === measure.code)?.name ?? measure.code;
    return `${name}${SCORE_SUFFIX}${measure.value}`;
  }
  if (measure.kind === 'instrument') {
    const instrument = INSTRUMENTS.get(measure.instrument);
    return instrument
      ? [
          instrumentSummary(instrument, measure.answers),
          ...instrumentItemLines(instrument, measure.answers),
        ].join(LIST_SEPARATOR)
      : measure.instrument;
  }
  const items = CHECK_IN_ITEMS.flatMap((item) => {
    const score = measure.items[item.code];
    return score === undefined ? [] : [`${item.display} ${score} of 5`];
  });
  return `${OBSERVATION_CODE.checkIn.display}: ${items.join(LIST_SEPARATOR)}`;
}

export interface NoteTextOptions {
  /**
   * Where the follow-up request went, in the peer's words (e.g. "sent to Dr. Okafor's EHR inbox"),
   * or that it was not sent: readers of the note must know whether anyone else was told.
   */
  readonly followUpSent?: string;
}

/** The whole note as plain text. Total: the draft is written as the note keeps it (noteDraft). */
export function renderNoteText(source: PeerEncounterDraft, options: NoteTextOptions = {}): string {
  const draft = noteDraft(source);
  const lines: string[] = [NOTE_TITLE];
  lines.push(...field('', LABEL.status, draft.status === 'final' ? SIGNED : UNSIGNED));
  lines.push(...field('', LABEL.when, formatWhen(draft.start)));
  lines.push(...field('', LABEL.duration, formatDuration(draft.durationMinutes)));
  lines.push(...field('', LABEL.mode, displayOf(CONTACT_MODES, draft.contactMode)));
  if (draft.setting !== undefined) {
    lines.push(...field('', LABEL.setting, displayOf(SETTINGS, draft.setting)));
  }
  lines.push(...field('', LABEL.format, SESSION_FORMAT[draft.format].display));
  if (draft.format === 'group' && draft.groupSession) {
    if (draft.groupSession.title !== undefined) {
      lines.push(...field(SUB, LABEL.session, draft.groupSession.title));
    }
    lines.push(...field(SUB, LABEL.sessionKey, draft.groupSession.id));
  }
  lines.push(
    ...field(
      '',
      LABEL.activities,
      draft.activities.map((a) => displayOf(ACTIVITIES, a)).join(LIST_SEPARATOR),
    ),
  );
  for (const g of draft.goals) {
    lines.push(...field('', LABEL.goal, g.goal.description));
    lines.push(...field(SUB, LABEL.progress, displayOf(GOAL_PROGRESS, g.progress)));
    lines.push(
      ...(g.goal.kind === 'existing'
        ? field(SUB, LABEL.goalRecord, referenceToId('Goal', g.goal.id))
        : field(SUB, LABEL.newGoalKey, g.goal.key)),
    );
    if (g.comment !== undefined) {
      lines.push(...field(SUB, LABEL.comment, g.comment));
    }
  }
  if (draft.response) {
    lines.push(...field('', LABEL.response, displayOf(RESPONSES, draft.response.code)));
    if (draft.response.comment !== undefined) {
      lines.push(...field(SUB, LABEL.comment, draft.response.comment));
    }
  }
  for (const measure of draft.measures) {
    lines.push(...field('', LABEL.measure, formatMeasure(measure)));
  }
  lines.push(...field('', LABEL.narrative, draft.narrative));
  if (draft.nextSteps !== undefined) {
    lines.push(...field('', LABEL.nextSteps, draft.nextSteps));
  }
  if (draft.nextContact !== undefined) {
    lines.push(...field('', LABEL.nextContact, draft.nextContact));
  }
  if (draft.followUp) {
    const f = draft.followUp;
    lines.push(...field('', LABEL.followUp, displayOf(FOLLOW_UP_REASONS, f.reason)));
    lines.push(...field(SUB, LABEL.urgency, displayOf(FOLLOW_UP_URGENCIES, f.urgency)));
    if (f.recipient) {
      lines.push(...field(SUB, LABEL.to, f.recipient.display));
      lines.push(...field(SUB, LABEL.recipientRecord, f.recipient.reference));
    }
    if (f.note !== undefined) {
      lines.push(...field(SUB, LABEL.followUpNote, f.note));
    }
    if (options.followUpSent !== undefined) {
      lines.push(...field(SUB, LABEL.sent, plainNoteText(options.followUpSent)));
    }
  }
  lines.push(...field('', LABEL.privacy, privacyText(draft.sensitivity)));
  return lines.join('\n');
}
