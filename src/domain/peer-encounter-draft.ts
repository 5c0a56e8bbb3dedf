/**
 * What a peer writes about one contact, before and after it is saved. Plain JSON (no Dates, no
 * classes, no undefined-only keys that matter) so it survives sessionStorage and the round trip
 * draft -> FHIR transaction -> view -> draft unchanged.
 *
 * Codes are strings from fhir-profiles (see the lists in codes.ts); validateDraft checks them.
 */
import type { Sensitivity, SessionFormat } from './codes';
import type { InstrumentAnswers } from './instrument-scoring';
import type { InstrumentId } from './codes-instruments';

export type { Sensitivity, SessionFormat } from './codes';

/** A goal the person already has in the record, or a new one in their own words. */
export type DraftGoalRef =
  | { readonly kind: 'existing'; readonly id: string; readonly description: string }
  /** `key` is unique within the draft and stable across saves; it becomes part of the Goal's identifier. */
  | { readonly kind: 'new'; readonly key: string; readonly description: string };

export interface DraftGoalProgress {
  readonly goal: DraftGoalRef;
  /** A goal-progress code (FHIR goal-achievement). */
  readonly progress: string;
  readonly comment?: string;
}

export interface DraftResponse {
  /** A person-response code. */
  readonly code: string;
  readonly comment?: string;
}

/** Each check-in item scored 1 (not at all) to 5 (very much). */
export type CheckInScore = 1 | 2 | 3 | 4 | 5;

export type DraftMeasure =
  /** The PeerBridge recovery check-in; keys are recovery-check-in-item codes. */
  | { readonly kind: 'check-in'; readonly items: Readonly<Partial<Record<string, CheckInScore>>> }
  /** A total alone (code from peer-outcome-measures), e.g. a PHQ-2, or a total read from a record without items. */
  | { readonly kind: 'score'; readonly code: string; readonly value: number }
  /**
   * A standard instrument answered item by item (instruments.ts): answers keyed by item linkId. Written
   * as a QuestionnaireResponse plus its total score Observation; partial while a draft.
   */
  | { readonly kind: 'instrument'; readonly instrument: InstrumentId; readonly answers: InstrumentAnswers };

/** The instrument answered item by item, as a draft and a note read back carry it. */
export type InstrumentMeasure = Extract<DraftMeasure, { kind: 'instrument' }>;
export type CheckInMeasure = Extract<DraftMeasure, { kind: 'check-in' }>;

export interface DraftRecipient {
  /** `Practitioner/<id>`, `PractitionerRole/<id>`, `CareTeam/<id>` or `Organization/<id>`. */
  readonly reference: string;
  readonly display: string;
}

export interface DraftFollowUp {
  /** A follow-up-reason code. */
  readonly reason: string;
  /** A follow-up-urgency code (request-priority). */
  readonly urgency: string;
  readonly recipient?: DraftRecipient;
  readonly note?: string;
}

export interface DraftGroupSession {
  /** Shared by every participant's draft of the same session; stable across saves. */
  readonly id: string;
  readonly title?: string;
}

export type DraftStatus = 'draft' | 'final';

export interface PeerEncounterDraft {
  /** A UUID made when the draft is started; every resource key derives from it. */
  readonly id: string;
  readonly patientId: string;
  /** FHIR dateTime with a time zone offset, e.g. 2026-11-03T14:30:00-05:00. */
  readonly start: string;
  readonly durationMinutes: number;
  /** A contact-mode code; '' while not chosen. */
  readonly contactMode: string;
  /** A peer-setting code. */
  readonly setting?: string;
  readonly format: SessionFormat;
  readonly groupSession?: DraftGroupSession;
  /** peer-activity codes, in the order the peer chose them. */
  readonly activities: readonly string[];
  readonly goals: readonly DraftGoalProgress[];
  readonly response?: DraftResponse;
  readonly narrative: string;
  readonly nextSteps?: string;
  /** The next planned contact, a FHIR date (YYYY-MM-DD); a plan, nothing is booked. */
  readonly nextContact?: string;
  readonly measures: readonly DraftMeasure[];
  readonly followUp?: DraftFollowUp;
  readonly sensitivity: Sensitivity;
  readonly status: DraftStatus;
}

/**
 * A new draft starting now. `now` is injected so tests are deterministic; the start is written in UTC
 * to the minute, and the UI may rewrite it in the peer's own offset.
 */
export function emptyDraft(id: string, patientId: string, now: Date): PeerEncounterDraft {
  const minute = Math.floor(now.getTime() / 60000) * 60000;
  const start = Number.isNaN(minute) ? '' : new Date(minute).toISOString().replace('.000Z', 'Z');
  return {
    id,
    patientId,
    start,
    durationMinutes: 0,
    contactMode: '',
    format: 'individual',
    activities: [],
    goals: [],
    narrative: '',
    measures: [],
    sensitivity: 'normal',
    status: 'draft',
  };
}

/**
 * Billing units of a time-based 15-minute code such as HCPCS H0038 (CMS "8-minute rule"): a unit
 * is earned from 8 minutes, the next at 23, then every 15 minutes.
 */
export function billingUnits(minutes: number): number {
  if (!Number.isFinite(minutes) || minutes < 8) {
    return 0;
  }
  return Math.floor((Math.floor(minutes) + 7) / 15);
}

/** Keys of new goals, group session ids and goal ids go into identifiers and query strings. */
export function isSafeKey(value: string): boolean {
  if (value.length === 0 || value.length > 64) {
    return false;
  }
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const ok = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 46;
    if (!ok) {
      return false;
    }
  }
  return true;
}

/** What makes a measure one of a kind in a draft: the instrument, the total's code, or the check-in. */
export function measureKey(measure: DraftMeasure): string {
  switch (measure.kind) {
    case 'score':
      return measure.code;
    case 'instrument':
      return measure.instrument;
    case 'check-in':
      return 'check-in';
  }
}
