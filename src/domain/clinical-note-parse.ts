/**
 * Reads back PeerBridge's own note text (clinical-note-layout.ts), so notes on servers that keep only
 * the DocumentReference can be shown as fully as the structured record. Lines it does not know are
 * skipped, so an EHR that appends a footer or a later PeerBridge that adds a line does no harm.
 */
import {
  ACTIVITIES,
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
  type Sensitivity,
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
} from './clinical-note-layout';
import type {
  CheckInScore,
  DraftGoalProgress,
  DraftMeasure,
  PeerEncounterDraft,
} from './peer-encounter-draft';
import type { Concept } from './terminology';
import { INSTRUMENTS } from './codes-instruments';
import { instrumentItemLines, instrumentSummary } from './instrument-text';
import { isFullDate } from './next-contact';

function parseWhen(value: string): string {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}) \(UTC([+-]\d{2}:\d{2})?\)$/.exec(value);
  if (!match) {
    return value;
  }
  const [, date, time, offset] = match;
  return `${date ?? ''}T${time ?? ''}:00${offset ?? 'Z'}`;
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

/**
 * An instrument's line: its summary, then one part per answered item, as instrument-text.ts writes
 * them. Each item's answer is found by writing the line each of its answers would give and looking for
 * it between separators, so an item text that holds the separator itself does no harm.
 */
function parseInstrument(value: string): DraftMeasure | undefined {
  for (const instrument of INSTRUMENTS.values()) {
    if (!value.startsWith(`${instrument.name} total `) && !value.startsWith(`${instrument.name}: `)) {
      continue;
    }
    const parts = `${LIST_SEPARATOR}${value}${LIST_SEPARATOR}`;
    const answers: Record<string, string> = {};
    for (const item of instrument.items) {
      const answer = item.answers.find((a) => {
        const [line] = instrumentItemLines(instrument, { [item.linkId]: a.coding.code });
        return line !== undefined && parts.includes(`${LIST_SEPARATOR}${line}${LIST_SEPARATOR}`);
      });
      if (answer) {
        answers[item.linkId] = answer.coding.code;
      }
    }
    // The summary must be the one these answers give: a line edited by hand is not read as answers.
    const summary = instrumentSummary(instrument, answers);
    if (value === summary || value.startsWith(`${summary}${LIST_SEPARATOR}`)) {
      return { kind: 'instrument', instrument: instrument.id, answers };
    }
  }
  return undefined;
}

function parseMeasure(value: string): DraftMeasure | undefined {
  const instrument = parseInstrument(value);
  if (instrument) {
    return instrument;
  }
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
