/**
 * A person's care on one line: peer contacts next to psychiatry, therapy, primary care, emergency
 * visits and hospital stays, newest first, grouped by month, with counts for a recent period. One
 * pass over the Encounters and one parse of each date, so years of history stay fast.
 */
import type { Encounter } from 'fhir/r4';
import { categoryOf } from './encounter-category';
import { arrayOf, isRecord } from './guards';
import type { PatientNote } from './patient-notes';
import { EMPTY_NAMES, type NameDirectory } from './person-names';
import { encounterItemOf, noteItemOf, type TimelineItem } from './timeline-item';
import { summariseCounts, type TimelineCategory } from './timeline-summary';

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
    const item = encounterItemOf(encounter, category, names);
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
