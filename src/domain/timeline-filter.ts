/**
 * What the clinician chose to see: peer or clinical care, a date range, one peer role, and whether
 * peer notes still being written count. Applied to Encounters before the timeline is built, so the
 * month groups and the counts always describe exactly the rows shown.
 */
import type { Encounter } from 'fhir/r4';
import { referenceString } from './fhir-read';
import { arrayOf, isRecord } from './guards';
import type { PatientNote } from './patient-notes';
import { visibleNotes } from './visible-notes';
import { referenceKey } from './references';
import { isPeerEncounter } from './view-index';

export type CareKind = 'all' | 'peer' | 'clinical';

export interface TimelineFilter {
  readonly kind: CareKind;
  /** `YYYY-MM-DD`, inclusive; '' for no bound. */
  readonly from: string;
  readonly to: string;
  /** A role label from `peerRoleOf`, or '' for every role. */
  readonly peerRole: string;
  /** Peer notes not yet signed (status in-progress) are a peer's work in progress: hidden by default. */
  readonly showDrafts: boolean;
}

export const NO_FILTER: TimelineFilter = { kind: 'all', from: '', to: '', peerRole: '', showDrafts: false };

const DAY_MS = 86_400_000;
export const UNKNOWN_PEER_ROLE = 'Peer support (role not shared)';

/**
 * Whether a clinician sees this encounter: clinical ones always; a peer note once it is finished, or
 * while in progress only when drafts are asked for. Anything else a peer wrote (entered in error,
 * cancelled) stays out.
 */
export function isVisibleToClinician(encounter: Encounter, showDrafts: boolean): boolean {
  if (!isPeerEncounter(encounter)) {
    return true;
  }
  const status: unknown = encounter.status;
  return status === 'finished' || (showDrafts && status === 'in-progress');
}

/** The peer's role as the EHR names it, from the PractitionerRole the note's author acted in. */
export function peerRoleOf(encounter: Encounter, roles: ReadonlyMap<string, string>): string {
  for (const participant of arrayOf(encounter.participant)) {
    const key = referenceKey(referenceString(isRecord(participant) ? participant.individual : undefined));
    const label = key ? roles.get(key) : undefined;
    if (label) {
      return label;
    }
  }
  return UNKNOWN_PEER_ROLE;
}

function dayStart(date: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : Number.NaN;
}

function startTime(encounter: Encounter): number {
  const start = encounter.period?.start;
  return typeof start === 'string' ? Date.parse(start) : Number.NaN;
}

/** Whether `time` falls in the filter's date range; always true when no range is set. */
function inRange(filter: TimelineFilter, time: number): boolean {
  const from = dayStart(filter.from);
  const toDay = dayStart(filter.to);
  const to = Number.isNaN(toDay) ? Number.NaN : toDay + DAY_MS;
  if (Number.isNaN(from) && Number.isNaN(to)) {
    return true;
  }
  // An undated item cannot be said to fall inside a range: leave it out while one is set.
  return !Number.isNaN(time) && !(time < from) && !(time >= to);
}

export function filterEncounters(
  encounters: readonly Encounter[],
  filter: TimelineFilter,
  roles: ReadonlyMap<string, string>,
): Encounter[] {
  return encounters.filter((encounter) => {
    if (!isVisibleToClinician(encounter, filter.showDrafts)) {
      return false;
    }
    const peer = isPeerEncounter(encounter);
    if ((filter.kind === 'peer' && !peer) || (filter.kind === 'clinical' && peer)) {
      return false;
    }
    if (filter.peerRole && (!peer || peerRoleOf(encounter, roles) !== filter.peerRole)) {
      return false;
    }
    return inRange(filter, startTime(encounter));
  });
}

/**
 * The notes the filter keeps, among those the timeline lists (visibleNotes): PeerBridge's notes count
 * as peer care (their role is not shared: a note carries no PractitionerRole), other notes as clinical.
 */
export function filterNotes(
  notes: readonly PatientNote[],
  encounters: readonly Encounter[],
  filter: TimelineFilter,
): PatientNote[] {
  return visibleNotes(notes, encounters, filter.showDrafts).filter((note) => {
    const peer = note.kind === 'peer';
    if ((filter.kind === 'peer' && !peer) || (filter.kind === 'clinical' && peer)) {
      return false;
    }
    if (filter.peerRole && (!peer || filter.peerRole !== UNKNOWN_PEER_ROLE)) {
      return false;
    }
    return inRange(filter, note.start ? Date.parse(note.start) : Number.NaN);
  });
}

/** The peer roles among the encounters, for the role filter's choices. */
export function peerRolesIn(
  encounters: readonly Encounter[],
  roles: ReadonlyMap<string, string>,
  notes: readonly PatientNote[] = [],
): string[] {
  const found = new Set<string>();
  if (visibleNotes(notes, encounters, true).some((note) => note.kind === 'peer')) {
    found.add(UNKNOWN_PEER_ROLE);
  }
  for (const encounter of encounters) {
    if (isPeerEncounter(encounter)) {
      found.add(peerRoleOf(encounter, roles));
    }
  }
  return [...found].sort();
}
