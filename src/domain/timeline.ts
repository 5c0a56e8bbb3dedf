/**
 * A person's care on one line: peer contacts next to psychiatry, therapy, primary care, emergency
 * visits and hospital stays, newest first, grouped by month, with counts for a recent period. One
 * pass over the Encounters and one parse of each date, so years of history stay fast.
 */
import type { Coding, Encounter } from 'fhir/r4';
import {
  CATEGORY,
  CONTACT_MODES,
  EMERGENCY_CLASS,
  EXTENSION,
  INPATIENT_CLASS,
  SESSION_FORMAT,
} from './codes';
import { addMinutesToDateTime } from './date-time';
import { encounterLabel } from './encounter-label';
import { codingsOf, conceptText, extensionCoding } from './fhir-read';
import { arrayOf, isRecord, textOf } from './guards';
import { UNNAMED_AUTHOR, UNNAMED_PEER_AUTHOR, type PatientNote } from './patient-notes';
import { EMPTY_NAMES, nameOf, type NameDirectory } from './person-names';
import { summariseCounts, type TimelineCategory } from './timeline-summary';

export { summariseCounts, type TimelineCategory } from './timeline-summary';

export interface TimelineItem {
  readonly kind: 'peer' | 'clinical';
  readonly category: TimelineCategory;
  readonly start: string;
  readonly end?: string;
  /** Milliseconds since the epoch; NaN when the server sent no readable start. */
  readonly time: number;
  readonly title: string;
  /** The Encounter's id, or a note's `DocumentReference/<id>`. */
  readonly id?: string;
  /** The structured record of the visit or contact; absent where only a note was found. */
  readonly encounter?: Encounter;
  /** The clinical note the item is, where the timeline found a note rather than an Encounter. */
  readonly note?: PatientNote;
  /** Who wrote or took part, by name (person-names.ts), never as a reference. */
  readonly who: string;
  /** The record's security labels (meta.security). */
  readonly labels: readonly Coding[];
}

export interface TimelineMonth {
  /** `2026-11`, or '' for encounters without a readable date. */
  readonly key: string;
  /** `November 2026`, or `Date unknown`. */
  readonly label: string;
  readonly items: readonly TimelineItem[];
}

export interface Timeline {
  readonly items: readonly TimelineItem[];
  readonly months: readonly TimelineMonth[];
  readonly periodDays: number;
  readonly counts: Readonly<Record<TimelineCategory, number>>;
  /** e.g. "6 peer contacts, 2 therapy visits, 1 ED visit in the last 90 days". */
  readonly summary: string;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAY_MS = 86_400_000;

function hasCoding(concepts: unknown, system: string, code: string): boolean {
  return arrayOf(Array.isArray(concepts) ? (concepts as unknown[]) : undefined).some((concept) =>
    codingsOf(concept).some((c) => c.code === code && c.system === system),
  );
}

/** Encounter.class: a Coding in R4, but some servers send a CodeableConcept or an array. */
function classCodes(value: unknown): string[] {
  const list: unknown[] = Array.isArray(value) ? (value as unknown[]) : [value];
  const codes: string[] = [];
  for (const item of list) {
    if (isRecord(item)) {
      const code = textOf(item.code);
      if (code) {
        codes.push(code);
      }
      codes.push(...codingsOf(item).flatMap((c) => (c.code ? [c.code] : [])));
    }
  }
  return codes;
}

/** Words a person reads about the visit, lower-cased once, for keyword matching. */
function wordsOf(encounter: Encounter): string {
  const parts: string[] = [];
  for (const concept of [...arrayOf(encounter.type), encounter.serviceType]) {
    if (isRecord(concept)) {
      parts.push(textOf(concept.text) ?? '', ...codingsOf(concept).map((c) => c.display ?? ''));
    }
  }
  return parts.join(' ').toLowerCase();
}

const { system: CATEGORY_SYSTEM, code: PEER_CODE } = CATEGORY.peerSupportService;
const GROUP_CODE = CATEGORY.peerGroupSession.code;
const KEYWORDS: readonly [TimelineCategory, readonly string[]][] = [
  ['psychiatry', ['psychiatr']],
  ['therapy', ['therap', 'counsel']],
  [
    'primary-care',
    ['primary care', 'family medicine', 'internal medicine', 'check-up', 'checkup', 'physical'],
  ],
  ['emergency', ['emergency']],
  ['inpatient', ['inpatient', 'admission', 'hospital stay']],
];

export function categoryOf(encounter: Encounter): TimelineCategory | undefined {
  if (hasCoding(encounter.type, CATEGORY_SYSTEM, PEER_CODE)) {
    const format = extensionCoding(encounter.extension, EXTENSION.sessionFormat)?.code;
    return format === SESSION_FORMAT.group.code || encounter.partOf ? 'group-peer' : 'peer';
  }
  if (hasCoding(encounter.type, CATEGORY_SYSTEM, GROUP_CODE)) {
    return undefined; // the shared session: each participant's own encounter is on their timeline
  }
  const classes = classCodes(encounter.class);
  if (classes.some((c) => EMERGENCY_CLASS.has(c))) {
    return 'emergency';
  }
  if (classes.some((c) => INPATIENT_CLASS.has(c))) {
    return 'inpatient';
  }
  const words = wordsOf(encounter);
  return KEYWORDS.find(([, keys]) => keys.some((k) => words.includes(k)))?.[0] ?? 'other';
}

const PEER_TITLE: Partial<Record<TimelineCategory, string>> = {
  peer: 'Peer support',
  'group-peer': 'Group peer support',
};

/** Peer rows say who in peer terms when the EHR shares no name. */
const UNNAMED_PEER = 'A peer support specialist';

function firstParticipant(encounter: Encounter, names: NameDirectory, peer: boolean): string {
  const individual: unknown = arrayOf(encounter.participant)[0]?.individual;
  if (!isRecord(individual)) {
    return '';
  }
  return peer ? nameOf(names, individual, UNNAMED_PEER) : nameOf(names, individual);
}

function itemOf(encounter: Encounter, category: TimelineCategory, names: NameDirectory): TimelineItem {
  const start = textOf(encounter.period?.start) ?? '';
  const end = textOf(encounter.period?.end);
  const id = textOf(encounter.id);
  const peerTitle = PEER_TITLE[category];
  const mode = conceptText({ coding: [extensionCoding(encounter.extension, EXTENSION.contactMode)] });
  const clinicalTitle = encounterLabel(encounter);
  return {
    kind: peerTitle ? 'peer' : 'clinical',
    category,
    start,
    ...(end ? { end } : {}),
    time: start ? Date.parse(start) : Number.NaN,
    title: peerTitle ? [peerTitle, mode].filter(Boolean).join(' · ') : clinicalTitle,
    ...(id ? { id } : {}),
    encounter,
    who: firstParticipant(encounter, names, peerTitle !== undefined),
    labels: arrayOf(encounter.meta?.security).filter((c) => isRecord(c)),
  };
}

/** A note as a timeline item: PeerBridge's as a peer contact (with its mode), others as "Progress note, <author>". */
function noteItemOf(note: PatientNote, names: NameDirectory): TimelineItem {
  // The note's own author display wins; the directory may know the name it omitted.
  const unnamed = note.author === UNNAMED_PEER_AUTHOR || note.author === UNNAMED_AUTHOR;
  const author =
    unnamed && note.authorReference
      ? nameOf(names, { reference: note.authorReference }, note.author)
      : note.author;
  const common = {
    start: note.start,
    time: note.start ? Date.parse(note.start) : Number.NaN,
    ...(note.ref ? { id: note.ref } : {}),
    note,
    who: author,
    labels: note.kind === 'peer' ? note.labels : [],
  };
  if (note.kind === 'other') {
    return { ...common, kind: 'clinical', category: 'other', title: `${note.title}, ${author}` };
  }
  const category = note.draft.format === 'group' ? 'group-peer' : 'peer';
  const mode = CONTACT_MODES.find((m) => m.code === note.draft.contactMode)?.display ?? '';
  const end = addMinutesToDateTime(note.draft.start, note.draft.durationMinutes);
  return {
    ...common,
    kind: 'peer',
    category,
    ...(end && note.draft.durationMinutes > 0 ? { end } : {}),
    title: [PEER_TITLE[category], mode].filter(Boolean).join(' · '),
  };
}

function monthOf(item: TimelineItem): { key: string; label: string } {
  const key = item.start.slice(0, 7);
  const month = Number(key.slice(5, 7));
  if (Number.isNaN(item.time) || key.length !== 7 || month < 1 || month > 12) {
    return { key: '', label: 'Date unknown' };
  }
  return { key, label: `${MONTHS[month - 1] ?? ''} ${key.slice(0, 4)}` };
}

/**
 * Newest first; encounters entered in error or cancelled are left out. `notes` are the notes to list
 * (already filtered, visibleNotes): PeerBridge's count as peer contacts; other clinicians' notes are
 * listed but not counted (the visit they document is an Encounter of its own).
 */
export function buildTimeline(
  encounters: readonly Encounter[],
  options: {
    readonly now: Date;
    readonly periodDays?: number;
    readonly notes?: readonly PatientNote[];
    /** Names for the references the encounters and notes carry; displays alone without it. */
    readonly names?: NameDirectory;
  },
): Timeline {
  const periodDays = options.periodDays ?? 90;
  const names = options.names ?? EMPTY_NAMES;
  const to = options.now.getTime();
  const from = to - periodDays * DAY_MS;
  const counts: Record<TimelineCategory, number> = {
    peer: 0,
    'group-peer': 0,
    psychiatry: 0,
    therapy: 0,
    'primary-care': 0,
    emergency: 0,
    inpatient: 0,
    other: 0,
  };
  const items: TimelineItem[] = [];
  for (const encounter of arrayOf(encounters)) {
    const status: unknown = isRecord(encounter) ? encounter.status : undefined;
    const category = isRecord(encounter) ? categoryOf(encounter) : undefined;
    if (!category || status === 'entered-in-error' || status === 'cancelled') {
      continue;
    }
    const item = itemOf(encounter, category, names);
    items.push(item);
    if (item.time >= from && item.time <= to) {
      counts[category] += 1;
    }
  }
  for (const note of options.notes ?? []) {
    const item = noteItemOf(note, names);
    items.push(item);
    if (note.kind === 'peer' && item.time >= from && item.time <= to) {
      counts[item.category] += 1;
    }
  }
  // Undated items sort last (NaN compares as neither newer nor older: map it to -Infinity).
  items.sort(
    (a, b) => (Number.isNaN(b.time) ? -Infinity : b.time) - (Number.isNaN(a.time) ? -Infinity : a.time) || 0,
  );
  const months: { key: string; label: string; items: TimelineItem[] }[] = [];
  for (const item of items) {
    const { key, label } = monthOf(item);
    const last = months[months.length - 1];
    if (last?.key === key) {
      last.items.push(item);
    } else {
      months.push({ key, label, items: [item] });
    }
  }
  return { items, months, periodDays, counts, summary: summariseCounts(counts, periodDays) };
}
