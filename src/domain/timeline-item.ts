import type { Coding, Encounter } from 'fhir/r4';
import { CONTACT_MODES, EXTENSION } from './codes';
import { addMinutesToDateTime } from './date-time';
import { encounterLabel } from './encounter-label';
import { conceptText, extensionCoding } from './fhir-read';
import { arrayOf, isRecord, textOf } from './guards';
import { UNNAMED_AUTHOR, UNNAMED_PEER_AUTHOR, type PatientNote } from './patient-notes';
import { nameOf, type NameDirectory } from './person-names';
import type { TimelineCategory } from './timeline-summary';

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

/** An Encounter as a timeline item: peer contacts titled with their mode, others by their label. */
export function encounterItemOf(
  encounter: Encounter,
  category: TimelineCategory,
  names: NameDirectory,
): TimelineItem {
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
export function noteItemOf(note: PatientNote, names: NameDirectory): TimelineItem {
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
