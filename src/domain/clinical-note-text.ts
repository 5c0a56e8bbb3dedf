/**
 * The clinical note as text a clinician can read in any EHR: plain "Label: value" lines, sub-items
 * indented by two spaces, and text of more than one line under its label, indented by four. Every
 * line a peer typed is indented under a label, so no typed text can pose as another field; markup is
 * never interpreted (the attachment is text/plain) and control characters are replaced.
 *
 * `parseNoteText` reads back PeerBridge's own rendering, so notes on servers that keep only the
 * DocumentReference can be shown as fully as the structured record. Lines it does not know are
 * skipped, so an EHR that appends a footer or a later PeerBridge that adds a line does no harm.
 */
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
  SECURITY_LABELS,
  SESSION_FORMAT,
  SETTINGS,
  type Sensitivity,
} from './codes';
import { labelNotice } from './label-notice';
import {
  billingUnits,
  type CheckInScore,
  type DraftGoalProgress,
  type DraftMeasure,
  type PeerEncounterDraft,
} from './peer-encounter-draft';
import type { Concept } from './terminology';
import { isFullDate } from './next-contact';
import { writableDraft } from './writable-text';

export const NOTE_TITLE = 'Peer support note (written with PeerBridge)';

const LABEL = {
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

const SIGNED = 'Signed';
const UNSIGNED = 'Draft, not signed';
const PRIVACY_NORMAL = 'No extra restriction';
const LIST_SEPARATOR = '; ';
const SUB = '  ';
const BLOCK = '    ';

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

function parseWhen(value: string): string {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}) \(UTC([+-]\d{2}:\d{2})?\)$/.exec(value);
  if (!match) {
    return value;
  }
  const [, date, time, offset] = match;
  return `${date ?? ''}T${time ?? ''}:00${offset ?? 'Z'}`;
}

function formatDuration(minutes: number): string {
  const units = billingUnits(minutes);
  const length = `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
  return `${length} (billing: ${units} ${units === 1 ? 'unit' : 'units'} of ${BILLING.peerServices.code})`;
}

const SCORE_SUFFIX = ' total score ';

function formatMeasure(measure: DraftMeasure): string {
  if (measure.kind === 'score') {
    const name = SCORE_MEASURES.find((m) => m.coding.code === measure.code)?.name ?? measure.code;
    return `${name}${SCORE_SUFFIX}${measure.value}`;
  }
  const items = CHECK_IN_ITEMS.flatMap((item) => {
    const score = measure.items[item.code];
    return score === undefined ? [] : [`${item.display} ${score} of 5`];
  });
  return `${OBSERVATION_CODE.checkIn.display}: ${items.join(LIST_SEPARATOR)}`;
}

function privacyText(sensitivity: Sensitivity): string {
  return labelNotice(SECURITY_LABELS[sensitivity]) ?? PRIVACY_NORMAL;
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
        ? field(SUB, LABEL.goalRecord, `Goal/${g.goal.id}`)
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

interface NoteField {
  readonly label: string;
  readonly value: string;
  readonly children: readonly NoteField[];
}

/** Fields at `indent` from line `start`; returns them and the first line it did not take. */
function readFields(lines: readonly string[], start: number, indent: string, top: boolean) {
  const fields: NoteField[] = [];
  let i = start;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const match = line.startsWith(indent)
      ? /^([^\s:][^:]*):( (.*))?$/s.exec(line.slice(indent.length))
      : null;
    if (!match) {
      if (!top) {
        break;
      }
      i += 1;
      continue;
    }
    i += 1;
    let value = match[3] ?? '';
    if (match[2] === undefined) {
      const block: string[] = [];
      const blockIndent = `${indent}${BLOCK}`;
      while (i < lines.length && (lines[i] ?? '').startsWith(blockIndent)) {
        block.push((lines[i] ?? '').slice(blockIndent.length));
        i += 1;
      }
      value = block.join('\n');
    }
    const nested = readFields(lines, i, `${indent}${SUB}`, false);
    i = nested.next;
    fields.push({ label: match[1] ?? '', value, children: nested.fields });
  }
  return { fields, next: i };
}

function codeOf(list: readonly Concept[], display: string): string | undefined {
  return list.find((c) => c.display === display)?.code ?? list.find((c) => c.code === display)?.code;
}

function child(parent: NoteField, label: string): string | undefined {
  return parent.children.find((c) => c.label === label)?.value;
}

function parseMeasure(value: string): DraftMeasure | undefined {
  const checkInPrefix = `${OBSERVATION_CODE.checkIn.display}: `;
  if (value.startsWith(checkInPrefix)) {
    const items: Partial<Record<string, CheckInScore>> = {};
    for (const part of value.slice(checkInPrefix.length).split(LIST_SEPARATOR)) {
      const item = /^(.*) ([1-5]) of 5$/.exec(part);
      const code = item ? codeOf(CHECK_IN_ITEMS, item[1] ?? '') : undefined;
      if (item && code) {
        items[code] = Number(item[2]) as CheckInScore;
      }
    }
    return { kind: 'check-in', items };
  }
  const at = value.lastIndexOf(SCORE_SUFFIX);
  const measure = SCORE_MEASURES.find((m) => m.name === value.slice(0, at));
  const score = Number(value.slice(at + SCORE_SUFFIX.length));
  return at > 0 && measure && Number.isInteger(score)
    ? { kind: 'score', code: measure.coding.code, value: score }
    : undefined;
}

function parseGoal(f: NoteField): DraftGoalProgress | undefined {
  const progress = codeOf(GOAL_PROGRESS, child(f, LABEL.progress) ?? '');
  const record = child(f, LABEL.goalRecord);
  const newKey = child(f, LABEL.newGoalKey);
  const comment = child(f, LABEL.comment);
  let goal: DraftGoalProgress['goal'] | undefined;
  if (record?.startsWith('Goal/')) {
    goal = { kind: 'existing', id: record.slice('Goal/'.length), description: f.value };
  } else if (newKey !== undefined) {
    goal = { kind: 'new', key: newKey, description: f.value };
  }
  if (!goal || !progress) {
    return undefined;
  }
  return comment !== undefined ? { goal, progress, comment } : { goal, progress };
}

function sensitivityOf(value: string): Sensitivity {
  const found = (['part2', 'restricted'] as const).find((s) => privacyText(s) === value);
  return found ?? 'normal';
}

/**
 * The draft a PeerBridge note text describes; `id` and `patientId` come from the DocumentReference
 * (its identifier and subject). Undefined when the text is not one PeerBridge wrote. Total.
 */
export function parseNoteText(
  text: string,
  ids: { readonly id: string; readonly patientId: string },
): PeerEncounterDraft | undefined {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines[0]?.trim() !== NOTE_TITLE) {
    return undefined;
  }
  const { fields } = readFields(lines, 1, '', true);
  const top = (label: string): NoteField | undefined => fields.find((f) => f.label === label);
  const all = (label: string): NoteField[] => fields.filter((f) => f.label === label);
  const format = top(LABEL.format)?.value === SESSION_FORMAT.group.display ? 'group' : 'individual';
  const formatField = top(LABEL.format);
  const sessionKey = formatField ? child(formatField, LABEL.sessionKey) : undefined;
  const sessionTitle = formatField ? child(formatField, LABEL.session) : undefined;
  const setting = codeOf(SETTINGS, top(LABEL.setting)?.value ?? '');
  const responseField = top(LABEL.response);
  const responseCode = responseField ? codeOf(RESPONSES, responseField.value) : undefined;
  const responseComment = responseField ? child(responseField, LABEL.comment) : undefined;
  const followUpField = top(LABEL.followUp);
  const nextSteps = top(LABEL.nextSteps)?.value;
  const nextContact = top(LABEL.nextContact)?.value;
  const activities = (top(LABEL.activities)?.value ?? '').split(LIST_SEPARATOR).flatMap((display) => {
    const code = codeOf(ACTIVITIES, display);
    return code ? [code] : [];
  });
  return {
    id: ids.id,
    patientId: ids.patientId,
    start: parseWhen(top(LABEL.when)?.value ?? ''),
    durationMinutes: Number(/^(\d+) minutes?\b/.exec(top(LABEL.duration)?.value ?? '')?.[1] ?? '0'),
    contactMode: codeOf(CONTACT_MODES, top(LABEL.mode)?.value ?? '') ?? '',
    ...(setting ? { setting } : {}),
    format,
    ...(format === 'group' && sessionKey !== undefined
      ? { groupSession: { id: sessionKey, ...(sessionTitle !== undefined ? { title: sessionTitle } : {}) } }
      : {}),
    activities,
    goals: all(LABEL.goal).flatMap((f) => {
      const goal = parseGoal(f);
      return goal ? [goal] : [];
    }),
    ...(responseCode
      ? {
          response: {
            code: responseCode,
            ...(responseComment !== undefined ? { comment: responseComment } : {}),
          },
        }
      : {}),
    narrative: top(LABEL.narrative)?.value ?? '',
    ...(nextSteps !== undefined ? { nextSteps } : {}),
    ...(nextContact !== undefined && isFullDate(nextContact) ? { nextContact } : {}),
    measures: all(LABEL.measure).flatMap((f) => {
      const measure = parseMeasure(f.value);
      return measure ? [measure] : [];
    }),
    ...(followUpField ? { followUp: parseFollowUp(followUpField) } : {}),
    sensitivity: sensitivityOf(top(LABEL.privacy)?.value ?? ''),
    status: top(LABEL.status)?.value === SIGNED ? 'final' : 'draft',
  };
}

function parseFollowUp(f: NoteField): NonNullable<PeerEncounterDraft['followUp']> {
  const to = child(f, LABEL.to);
  const reference = child(f, LABEL.recipientRecord);
  const note = child(f, LABEL.followUpNote);
  return {
    reason: codeOf(FOLLOW_UP_REASONS, f.value) ?? '',
    urgency: codeOf(FOLLOW_UP_URGENCIES, child(f, LABEL.urgency) ?? '') ?? '',
    ...(reference !== undefined ? { recipient: { reference, display: to ?? reference } } : {}),
    ...(note !== undefined ? { note } : {}),
  };
}
