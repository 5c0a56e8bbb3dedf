/** The Observations of one peer support encounter, in contract order (docs/fhir-model.md). */
import type { Coding, Observation, ObservationComponent, Reference } from 'fhir/r4';
import { CATEGORY, CHECK_IN_ITEMS, OBSERVATION_CODE, PROFILE } from './codes';
import {
  activityCoding,
  checkInItemCoding,
  followUpReasonCoding,
  goalProgressCoding,
  measureCoding,
  responseCoding,
  urgencyCoding,
} from './draft-codings';
import { scoreInstrument } from './instrument-scoring';
import { instrumentById, type InstrumentId } from './codes-instruments';
import type { MappingContext } from './mapping-context';
import type { DraftMeasure } from './peer-encounter-draft';
import { keyIdentifier, resourceKey } from './resource-keys';

export interface PlannedObservation {
  readonly key: string;
  readonly resource: Observation;
}

const CHECK_IN_ORDER = CHECK_IN_ITEMS.map((item) => item.code);

function observation(
  m: MappingContext,
  encounterRef: string,
  profile: string,
  code: Coding,
  survey: boolean,
): Observation {
  const obs: Observation = {
    resourceType: 'Observation',
    status: m.statuses.observation,
    // Only instruments are `survey`; the rest is PeerBridge's own category alone, never social-history
    // (docs/decisions/0014-observation-categories.md).
    category: survey
      ? [{ coding: [CATEGORY.peerSupport] }, { coding: [CATEGORY.survey] }]
      : [{ coding: [CATEGORY.peerSupport] }],
    code: { coding: [code] },
    subject: { reference: m.patient },
    encounter: { reference: encounterRef },
    effectiveDateTime: m.draft.start,
    issued: m.context.now,
    performer: [m.author()],
  };
  const meta = m.meta(profile);
  if (meta) {
    obs.meta = meta;
  }
  return obs;
}

function withKey(key: string, resource: Observation, note?: string): PlannedObservation {
  resource.identifier = [keyIdentifier(key)];
  if (note) {
    resource.note = [{ text: note }];
  }
  return { key, resource };
}

function measureObservation(
  m: MappingContext,
  encounterRef: string,
  measure: DraftMeasure,
  responses: ReadonlyMap<InstrumentId, Reference>,
): PlannedObservation | undefined {
  const id = m.draft.id;
  if (measure.kind === 'score') {
    const obs = observation(m, encounterRef, PROFILE.outcomeMeasure, measureCoding(measure.code), true);
    obs.valueInteger = measure.value;
    return withKey(resourceKey.measure(id, measure.code), obs);
  }
  if (measure.kind === 'instrument') {
    const instrument = instrumentById(measure.instrument);
    const obs = observation(m, encounterRef, PROFILE.outcomeMeasure, instrument.total, true);
    const total = scoreInstrument(instrument, measure.answers).total;
    if (total === undefined) {
      // A draft's partial instrument has no total yet: the answers so far are in the note.
      return undefined;
    }
    obs.valueInteger = total;
    const response = responses.get(instrument.id);
    if (response) {
      // Where the server takes no QuestionnaireResponse the executor drops this reference (derived-from.ts).
      obs.derivedFrom = [response];
    }
    return withKey(resourceKey.measure(id, instrument.total.code), obs);
  }
  const code = OBSERVATION_CODE.checkIn;
  const obs = observation(m, encounterRef, PROFILE.outcomeMeasure, code, true);
  const component: ObservationComponent[] = [];
  let total = 0;
  for (const item of CHECK_IN_ORDER) {
    const score = measure.items[item];
    if (score !== undefined) {
      component.push({ code: { coding: [checkInItemCoding(item)] }, valueInteger: score });
      total += score;
    }
  }
  obs.component = component;
  obs.valueInteger = total;
  return withKey(resourceKey.measure(id, code.code), obs);
}

/**
 * `goalFocus` gives the Reference of each goal addressed, in the order of draft.goals; `responses` the
 * QuestionnaireResponse of each instrument answered item by item, which its total is derivedFrom.
 */
export function buildObservations(
  m: MappingContext,
  encounterRef: string,
  goalFocus: readonly Reference[],
  responses: ReadonlyMap<InstrumentId, Reference> = new Map(),
): PlannedObservation[] {
  const { draft } = m;
  const id = draft.id;
  const planned: PlannedObservation[] = [];
  for (const activity of draft.activities) {
    const obs = observation(m, encounterRef, PROFILE.activity, OBSERVATION_CODE.activity, false);
    obs.valueCodeableConcept = { coding: [activityCoding(activity)] };
    planned.push(withKey(resourceKey.activity(id, activity), obs));
  }
  draft.goals.forEach((goal, index) => {
    const obs = observation(m, encounterRef, PROFILE.goalProgress, OBSERVATION_CODE.goalProgress, false);
    const focus = goalFocus[index];
    if (focus) {
      obs.focus = [focus];
    }
    obs.valueCodeableConcept = { coding: [goalProgressCoding(goal.progress)] };
    planned.push(withKey(resourceKey.goalProgress(id, goal.goal), obs, goal.comment));
  });
  if (draft.response) {
    const obs = observation(m, encounterRef, PROFILE.response, OBSERVATION_CODE.response, false);
    obs.valueCodeableConcept = { coding: [responseCoding(draft.response.code)] };
    planned.push(withKey(resourceKey.response(id), obs, draft.response.comment));
  }
  if (draft.narrative) {
    const obs = observation(m, encounterRef, PROFILE.note, OBSERVATION_CODE.narrative, false);
    obs.valueString = draft.narrative;
    planned.push(withKey(resourceKey.narrative(id), obs));
  }
  if (draft.nextSteps) {
    const obs = observation(m, encounterRef, PROFILE.note, OBSERVATION_CODE.nextSteps, false);
    obs.valueString = draft.nextSteps;
    planned.push(withKey(resourceKey.nextSteps(id), obs));
  }
  for (const measure of draft.measures) {
    const obs = measureObservation(m, encounterRef, measure, responses);
    if (obs) {
      planned.push(obs);
    }
  }
  if (draft.followUp) {
    const obs = observation(m, encounterRef, PROFILE.followUp, OBSERVATION_CODE.followUp, false);
    obs.valueCodeableConcept = { coding: [followUpReasonCoding(draft.followUp.reason)] };
    obs.component = [
      {
        code: { coding: [OBSERVATION_CODE.urgency] },
        valueCodeableConcept: { coding: [urgencyCoding(draft.followUp.urgency)] },
      },
    ];
    planned.push(withKey(resourceKey.followUp(id), obs, draft.followUp.note));
  }
  return planned;
}
