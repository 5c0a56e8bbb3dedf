import type { ElementDefinition, StructureDefinition } from 'fhir/r4';
import { codeSystemUrl, valueSetUrl } from './canonical';
import { codingPattern, invariant, mustSupport, required, slicedByPattern } from './elements';
import { OBSERVATION_TYPE, observationCode, peerObservation } from './observation-base';

function codedValue(valueSet: string, description: string): ElementDefinition {
  return mustSupport('Observation.value[x]', {
    type: [{ code: 'CodeableConcept' }],
    binding: required(valueSetUrl(valueSet), description),
  });
}

const note = mustSupport('Observation.note', { short: 'Optional words from the peer' });

export const peerActivityObservation = peerObservation({
  id: 'peer-activity-observation',
  name: 'PeerActivityObservation',
  title: 'Peer support activity',
  description: 'One activity the peer did with the person in a contact (one Observation per activity).',
  code: observationCode('peer-activity'),
  valueElements: [codedValue('peer-activity', 'The activity')],
});

export const peerGoalProgressObservation = peerObservation({
  id: 'peer-goal-progress-observation',
  name: 'PeerGoalProgressObservation',
  title: 'Recovery goal progress',
  description:
    'Progress on one of the person’s recovery goals in this contact; focus is the Goal, written in the person’s own words.',
  code: observationCode('goal-progress'),
  focusGoal: true,
  valueElements: [codedValue('goal-progress', 'FHIR goal-achievement'), note],
});

export const peerResponseObservation = peerObservation({
  id: 'peer-response-observation',
  name: 'PeerResponseObservation',
  title: 'Person’s response to peer support',
  description: 'How the person responded to peer support in this contact.',
  code: observationCode('person-response'),
  valueElements: [codedValue('person-response', 'The response'), note],
});

export const peerNoteObservation = peerObservation({
  id: 'peer-note-observation',
  name: 'PeerNoteObservation',
  title: 'Peer support note or next steps',
  description:
    'The peer’s narrative of the contact (peer-narrative) or what the person and the peer agreed to do next (next-steps), as plain text.',
  code: mustSupport('Observation.code', {
    binding: required(valueSetUrl('peer-observation-type'), 'peer-narrative or next-steps'),
  }),
  constraints: [
    invariant(
      'pbo-3',
      'code is peer-narrative or next-steps',
      `code.coding.where(system = '${OBSERVATION_TYPE}' and (code = 'peer-narrative' or code = 'next-steps')).exists()`,
    ),
  ],
  valueElements: [mustSupport('Observation.value[x]', { min: 1, type: [{ code: 'string' }] })],
});

const CHECK_IN = `code.coding.where(system = '${OBSERVATION_TYPE}' and code = 'recovery-check-in').exists()`;
const ITEM_SYSTEM = codeSystemUrl('recovery-check-in-item');

export const peerOutcomeMeasureObservation = peerObservation({
  id: 'peer-outcome-measure-observation',
  name: 'PeerOutcomeMeasureObservation',
  title: 'Peer outcome measure',
  description:
    'A scored measure taken in a contact: the PeerBridge recovery check-in (one component per item scored 1 to 5, value = the sum of the items) or a LOINC total score (PHQ-9, PHQ-2, GAD-7) when the peer is trained to give it.',
  hl7Category: 'survey',
  code: mustSupport('Observation.code', {
    binding: required(valueSetUrl('peer-outcome-measures'), 'Recovery check-in or a LOINC total'),
  }),
  constraints: [
    invariant(
      'pbo-4',
      'a recovery check-in has its items as components',
      `${CHECK_IN} implies component.exists()`,
    ),
    invariant(
      'pbo-5',
      'every check-in item is scored 1 to 5',
      `component.where(code.coding.system = '${ITEM_SYSTEM}').all(value.ofType(integer) >= 1 and value.ofType(integer) <= 5)`,
    ),
  ],
  valueElements: [
    mustSupport('Observation.value[x]', {
      type: [{ code: 'integer' }],
      short: 'The total (for the check-in: the sum of the items)',
    }),
  ],
  afterValue: [
    slicedByPattern('Observation.component', {}, 'code'),
    mustSupport('Observation.component:item', {
      sliceName: 'item',
      short: 'One recovery check-in item',
      min: 0,
      max: '5',
    }),
    mustSupport('Observation.component:item.code', {
      patternCodeableConcept: { coding: [{ system: ITEM_SYSTEM }] },
      binding: required(valueSetUrl('recovery-check-in-item'), 'The item'),
    }),
    mustSupport('Observation.component:item.value[x]', {
      min: 1,
      type: [{ code: 'integer' }],
      minValueInteger: 1,
      maxValueInteger: 5,
    }),
  ],
});

export const peerFollowUpObservation = peerObservation({
  id: 'peer-follow-up-observation',
  name: 'PeerFollowUpObservation',
  title: 'Clinician follow-up needed',
  description:
    'The peer asks a clinician to follow up: why (value) and how soon (urgency component). A Task for the clinician accompanies it.',
  code: observationCode('follow-up-needed'),
  valueElements: [codedValue('follow-up-reason', 'Why a clinician should follow up'), note],
  afterValue: [
    slicedByPattern('Observation.component', { min: 1 }, 'code'),
    mustSupport('Observation.component:urgency', { sliceName: 'urgency', min: 1, max: '1' }),
    mustSupport('Observation.component:urgency.code', {
      patternCodeableConcept: codingPattern(OBSERVATION_TYPE, 'follow-up-urgency'),
    }),
    mustSupport('Observation.component:urgency.value[x]', {
      min: 1,
      type: [{ code: 'CodeableConcept' }],
      binding: required(valueSetUrl('follow-up-urgency'), 'routine, urgent or asap'),
    }),
  ],
});

export const OBSERVATION_PROFILES: readonly StructureDefinition[] = [
  peerActivityObservation,
  peerGoalProgressObservation,
  peerResponseObservation,
  peerNoteObservation,
  peerOutcomeMeasureObservation,
  peerFollowUpObservation,
];
