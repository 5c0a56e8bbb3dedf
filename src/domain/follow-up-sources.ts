/**
 * A peer's follow-up request reaches the record in whichever way the EHR takes: a Task where apps may
 * create one, a follow-up Observation where only Observations are taken, a Communication to the
 * clinician's inbox (Oracle Health), or only the text of the clinical note (Epic, Oracle). The
 * clinician's screen lists them as one list, each request once, most pressing first.
 *
 * Only a Task has a status PeerBridge can read and set, so a request known only from an Observation,
 * a message or a note is listed for a limited time after it was asked (REQUESTS_WITHOUT_STATUS_DAYS):
 * otherwise a safety concern handled months ago would sit at the top of the screen for ever.
 */
import type { Communication, Observation, Task } from 'fhir/r4';
import { referenceString } from './fhir-read';
import { isFollowUpTask, openFollowUps, type FollowUpRequest } from './follow-up-requests';
import { orderFollowUps } from './follow-up-order';
import type { PeerNote } from './patient-notes';
import type { DraftMeasure } from './peer-encounter-draft';
import { EMPTY_NAMES, type NameDirectory } from './person-names';
import { referenceKey } from './references';
import { peerWordsOf } from './safety-follow-up';

import {
  readFollowUpCommunication,
  readFollowUpObservation,
  readNoteFollowUp,
  safetyReasonsOf,
} from './follow-up-readers';

/** How long a request without a status (not a Task) stays listed after it was asked. */
export const REQUESTS_WITHOUT_STATUS_DAYS = 30;

export interface FollowUpSources {
  /** Open follow-up Tasks (the patient context's search). */
  readonly openTasks: readonly Task[];
  /** Every Task loaded with the history, whatever its status: a Task answers for its encounter. */
  readonly historyTasks: readonly Task[];
  readonly observations: readonly Observation[];
  readonly communications: readonly Communication[];
  /** The PeerBridge notes the timeline shows (visible-notes.ts: signed, not replaced). */
  readonly notes: readonly PeerNote[];
  /** The answers given in the note of an encounter, for a request that came as a Task or Observation. */
  readonly measuresOf?: (encounterRef: string) => readonly DraftMeasure[];
  readonly names?: NameDirectory;
  readonly now: Date;
}

/**
 * Every open request, each once, most pressing first. A request is written several ways on one save
 * (a Task and a follow-up Observation and the note); the Task stands for its encounter, then a
 * message for its encounter and note, then an Observation for its encounter; a note's own follow-up
 * shows only where none of these came for it.
 */
export function collectFollowUps(sources: FollowUpSources): FollowUpRequest[] {
  const names = sources.names ?? EMPTY_NAMES;
  const since = sources.now.getTime() - REQUESTS_WITHOUT_STATUS_DAYS * 86_400_000;
  const recent = (request: FollowUpRequest) => {
    const time = Date.parse(request.authoredOn);
    return !Number.isNaN(time) && time >= since;
  };
  const tasks = openFollowUps(sources.openTasks, names);
  const covered = new Set<string>();
  for (const task of [...sources.openTasks, ...sources.historyTasks]) {
    const focus = referenceKey(referenceString(task.focus));
    if (focus && isFollowUpTask(task)) {
      covered.add(focus);
    }
  }
  const isCovered = (request: FollowUpRequest) =>
    (request.encounterRef !== undefined && covered.has(request.encounterRef)) ||
    (request.noteRef !== undefined && covered.has(request.noteRef));
  const cover = (request: FollowUpRequest) => {
    for (const key of [request.encounterRef, request.noteRef]) {
      if (key) {
        covered.add(key);
      }
    }
  };

  const others: FollowUpRequest[] = [];
  const readers: readonly (() => (FollowUpRequest | undefined)[])[] = [
    () => sources.communications.map((c) => readFollowUpCommunication(c, names)),
    () => sources.observations.map((o) => readFollowUpObservation(o, names)),
    () => sources.notes.map((n) => readNoteFollowUp(n, names)),
  ];
  for (const read of readers) {
    const found = read().filter((r): r is FollowUpRequest => r !== undefined && recent(r) && !isCovered(r));
    // Within one kind every request counts (two notes may each ask); only a later kind is covered.
    found.forEach(cover);
    others.push(...found);
  }
  const seen = new Set<string>();
  const all = [...tasks, ...others].filter((request) => {
    if (seen.has(request.id)) {
      return false;
    }
    seen.add(request.id);
    return true;
  });
  return orderFollowUps(all.map((request) => withoutRepeatedSafety(withSafety(request, sources.measuresOf))));
}

/**
 * The form writes the safety reason as the first line of the follow-up's note (safety-follow-up.ts);
 * shown beside the same words from the answers it would be said twice, so the note keeps the rest.
 */
function withoutRepeatedSafety(request: FollowUpRequest): FollowUpRequest {
  if (!request.safety?.length || !request.note) {
    return request;
  }
  const note = peerWordsOf(request.note).trim();
  return note === request.note ? request : { ...request, note };
}

function withSafety(request: FollowUpRequest, measuresOf: FollowUpSources['measuresOf']): FollowUpRequest {
  if (request.safety || !request.encounterRef || !measuresOf) {
    return request;
  }
  const safety = safetyReasonsOf(measuresOf(request.encounterRef));
  return safety.length > 0 ? { ...request, safety } : request;
}
