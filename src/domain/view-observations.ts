/**
 * Reads a peer encounter's Observations back into draft-shaped parts. Unknown codes keep their words
 * (labels); duplicates (two narratives from two systems) keep the first; entered-in-error ones are
 * skipped. Never throws.
 */
import type { FhirResource, Observation } from 'fhir/r4';
import { CHECK_IN_ITEMS, GOAL_PROGRESS, OBSERVATION_CODE, SCORE_MEASURES } from './codes';
import {
  activityCoding,
  followUpReasonCoding,
  goalProgressCoding,
  responseCoding,
  urgencyCoding,
} from './draft-codings';
import { codingIn, codingsOf, conceptText, integerOf, noteText, referenceString } from './fhir-read';
import { isRecord, textOf } from './guards';
import type {
  CheckInScore,
  DraftFollowUp,
  DraftGoalProgress,
  DraftMeasure,
  DraftResponse,
} from './peer-encounter-draft';
import { referenceKey } from './references';
import { goalKeyOf, resourceKeyOf } from './resource-keys';
import { codingKey } from './terminology';

type Kind =
  'activity' | 'goalProgress' | 'response' | 'narrative' | 'nextSteps' | 'checkIn' | 'score' | 'followUp';

const KIND = new Map<string, Kind>([
  [codingKey(OBSERVATION_CODE.activity.system, OBSERVATION_CODE.activity.code), 'activity'],
  [codingKey(OBSERVATION_CODE.goalProgress.system, OBSERVATION_CODE.goalProgress.code), 'goalProgress'],
  [codingKey(OBSERVATION_CODE.response.system, OBSERVATION_CODE.response.code), 'response'],
  [codingKey(OBSERVATION_CODE.narrative.system, OBSERVATION_CODE.narrative.code), 'narrative'],
  [codingKey(OBSERVATION_CODE.nextSteps.system, OBSERVATION_CODE.nextSteps.code), 'nextSteps'],
  [codingKey(OBSERVATION_CODE.checkIn.system, OBSERVATION_CODE.checkIn.code), 'checkIn'],
  [codingKey(OBSERVATION_CODE.followUp.system, OBSERVATION_CODE.followUp.code), 'followUp'],
  ...SCORE_MEASURES.map((m): [string, Kind] => [codingKey(m.coding.system, m.coding.code), 'score']),
]);
const ACTIVITY_SYSTEM = activityCoding('').system ?? '';
const PROGRESS_SYSTEM = GOAL_PROGRESS[0]?.system ?? '';
const RESPONSE_SYSTEM = responseCoding('').system ?? '';
const REASON_SYSTEM = followUpReasonCoding('').system ?? '';
const URGENCY_SYSTEM = urgencyCoding('').system ?? '';
const CHECK_IN_SYSTEM = CHECK_IN_ITEMS[0]?.system ?? '';

export interface ObservationParts {
  activities: string[];
  /** Every activity as a person reads it, including ones coded by other systems. */
  activityLabels: string[];
  goals: DraftGoalProgress[];
  goalLabels: string[];
  response?: DraftResponse;
  responseLabel: string;
  narrative?: string;
  nextSteps?: string;
  measures: DraftMeasure[];
  followUp?: DraftFollowUp;
  followUpLabels: { reason: string; urgency: string };
  amended: boolean;
}

export function emptyParts(): ObservationParts {
  return {
    activities: [],
    activityLabels: [],
    goals: [],
    goalLabels: [],
    responseLabel: '',
    measures: [],
    followUpLabels: { reason: '', urgency: '' },
    amended: false,
  };
}

function kindOf(obs: Observation): Kind | undefined {
  for (const coding of codingsOf(obs.code)) {
    if (typeof coding.system === 'string' && typeof coding.code === 'string') {
      const kind = KIND.get(codingKey(coding.system, coding.code));
      if (kind) {
        return kind;
      }
    }
  }
  return undefined;
}

/** Our code in `system`, else '' (the label keeps the other system's words). */
function codeIn(concept: unknown, system: string): string {
  return textOf(codingIn(concept, system)?.code) ?? '';
}

function isCheckInScore(value: number | undefined): value is CheckInScore {
  return value !== undefined && value >= 1 && value <= 5;
}

function checkIn(obs: Observation): DraftMeasure {
  const items: Partial<Record<string, CheckInScore>> = {};
  for (const component of Array.isArray(obs.component) ? obs.component : []) {
    const item = codeIn(isRecord(component) ? component.code : undefined, CHECK_IN_SYSTEM);
    const score = integerOf(isRecord(component) ? component.valueInteger : undefined);
    if (item && isCheckInScore(score) && items[item] === undefined) {
      items[item] = score;
    }
  }
  return { kind: 'check-in', items };
}

type ScoreMeasure = Extract<DraftMeasure, { kind: 'score' }>;

function score(obs: Observation): ScoreMeasure | undefined {
  const coding = codingsOf(obs.code).find(
    (c) => KIND.get(codingKey(c.system ?? '', c.code ?? '')) === 'score',
  );
  const value = integerOf(obs.valueInteger) ?? integerOf(obs.valueQuantity?.value);
  const code = textOf(coding?.code);
  return code && value !== undefined ? { kind: 'score', code, value } : undefined;
}

function goalProgress(
  obs: Observation,
  draftId: string,
  goals: ReadonlyMap<string, FhirResource>,
): DraftGoalProgress | undefined {
  const focus: unknown = Array.isArray(obs.focus) ? obs.focus[0] : undefined;
  const ref = referenceString(focus);
  const goalResource = goals.get(referenceKey(ref) ?? '');
  const description =
    (isRecord(focus) ? textOf(focus.display) : undefined) ??
    (goalResource?.resourceType === 'Goal' ? conceptText(goalResource.description) : '');
  const goalKey =
    goalResource && 'identifier' in goalResource ? resourceKeyOf(goalResource.identifier) : undefined;
  const newKey =
    goalKeyOf(resourceKeyOf(isRecord(focus) ? [focus.identifier] : undefined), draftId) ??
    goalKeyOf(goalKey, draftId);
  let goal: DraftGoalProgress['goal'];
  if (newKey) {
    goal = { kind: 'new', key: newKey, description };
  } else {
    const id = ref?.startsWith('urn:') ? undefined : referenceKey(ref)?.split('/')[1];
    if (!id) {
      return undefined;
    }
    goal = { kind: 'existing', id, description };
  }
  const comment = noteText(obs.note);
  const progress = codeIn(obs.valueCodeableConcept, PROGRESS_SYSTEM);
  return comment ? { goal, progress, comment } : { goal, progress };
}

function goalId(progress: DraftGoalProgress): string {
  return progress.goal.kind === 'existing' ? `id:${progress.goal.id}` : `key:${progress.goal.key}`;
}

/** Adds one Observation of the encounter to `parts`. */
export function addObservation(
  parts: ObservationParts,
  obs: Observation,
  draftId: string,
  goals: ReadonlyMap<string, FhirResource>,
): void {
  const status: unknown = obs.status;
  if (status === 'entered-in-error' || status === 'cancelled') {
    return;
  }
  parts.amended ||= status === 'amended';
  const kind = kindOf(obs);
  switch (kind) {
    case 'activity': {
      const code = codeIn(obs.valueCodeableConcept, ACTIVITY_SYSTEM);
      if (code && !parts.activities.includes(code)) {
        parts.activities.push(code);
        parts.activityLabels.push(activityCoding(code).display ?? conceptText(obs.valueCodeableConcept));
      } else if (!code) {
        parts.activityLabels.push(conceptText(obs.valueCodeableConcept));
      }
      return;
    }
    case 'goalProgress': {
      const progress = goalProgress(obs, draftId, goals);
      if (progress && !parts.goals.some((g) => goalId(g) === goalId(progress))) {
        parts.goals.push(progress);
        parts.goalLabels.push(
          goalProgressCoding(progress.progress).display ?? conceptText(obs.valueCodeableConcept),
        );
      }
      return;
    }
    case 'response': {
      if (parts.response) {
        return;
      }
      const comment = noteText(obs.note);
      const code = codeIn(obs.valueCodeableConcept, RESPONSE_SYSTEM);
      parts.response = comment ? { code, comment } : { code };
      parts.responseLabel = responseCoding(code).display ?? conceptText(obs.valueCodeableConcept);
      return;
    }
    case 'narrative':
      parts.narrative ??= textOf(obs.valueString);
      return;
    case 'nextSteps':
      parts.nextSteps ??= textOf(obs.valueString);
      return;
    case 'checkIn':
      if (!parts.measures.some((m) => m.kind === 'check-in')) {
        parts.measures.push(checkIn(obs));
      }
      return;
    case 'score': {
      const measure = score(obs);
      if (measure && !parts.measures.some((m) => m.kind === 'score' && m.code === measure.code)) {
        parts.measures.push(measure);
      }
      return;
    }
    case 'followUp': {
      if (parts.followUp) {
        return;
      }
      const urgencyConcept: unknown = Array.isArray(obs.component)
        ? obs.component.find(
            (c) => codingIn(c.code, OBSERVATION_CODE.urgency.system)?.code === OBSERVATION_CODE.urgency.code,
          )?.valueCodeableConcept
        : undefined;
      const reason = codeIn(obs.valueCodeableConcept, REASON_SYSTEM);
      const urgency = codeIn(urgencyConcept, URGENCY_SYSTEM);
      const note = noteText(obs.note);
      parts.followUp = note ? { reason, urgency, note } : { reason, urgency };
      parts.followUpLabels = {
        reason: followUpReasonCoding(reason).display ?? conceptText(obs.valueCodeableConcept),
        urgency: urgencyCoding(urgency).display ?? conceptText(urgencyConcept),
      };
      return;
    }
    case undefined:
      return;
  }
}
