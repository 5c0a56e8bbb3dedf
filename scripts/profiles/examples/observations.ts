import type { CodeableConcept, Observation, Reference } from 'fhir/r4';
import { HL7 } from '../definitions/canonical';
import type { ExampleRefs } from './context';
import {
  AUTHOR,
  EXISTING_GOAL,
  NEW_GOAL_KEY,
  NOW,
  PATIENT,
  START,
  metaFor,
  ours,
  resourceKey,
} from './context';

type ObservationKind =
  | 'peer-activity-observation'
  | 'peer-goal-progress-observation'
  | 'peer-response-observation'
  | 'peer-note-observation'
  | 'peer-outcome-measure-observation'
  | 'peer-follow-up-observation';

/** PeerBridge's own category; instruments also `survey` (docs/decisions/0014-observation-categories.md). */
const category = (survey: boolean): CodeableConcept[] => [
  { coding: [ours('peer-support-category', 'peer-support')] },
  ...(survey ? [{ coding: [{ system: HL7.observationCategory, code: 'survey' }] }] : []),
];

const typeCode = (code: string): CodeableConcept => ({
  coding: [ours('peer-observation-type', code)],
});

/** The "all:" part of docs/fhir-model.md: what every peer Observation carries. */
function observation(
  profile: ObservationKind,
  key: string,
  encounter: Reference,
  rest: Omit<Observation, 'resourceType' | 'status' | 'category'> & { category?: CodeableConcept[] },
  id?: string,
): Observation {
  return {
    resourceType: 'Observation',
    ...(id ? { id } : {}),
    meta: metaFor(profile),
    identifier: resourceKey(key),
    status: 'final',
    category: category(false),
    subject: PATIENT,
    encounter,
    effectiveDateTime: START,
    issued: NOW,
    performer: [AUTHOR],
    ...rest,
  };
}

export function activity(refs: ExampleRefs, code: string, id?: string): Observation {
  return observation(
    'peer-activity-observation',
    `activity:${code}`,
    refs.encounter,
    {
      code: typeCode('peer-activity'),
      valueCodeableConcept: { coding: [ours('peer-activity', code)] },
    },
    id,
  );
}

export function goalProgress(refs: ExampleRefs, goal: 'existing' | 'new', id?: string): Observation {
  const existing = goal === 'existing';
  return observation(
    'peer-goal-progress-observation',
    `goal-progress:${existing ? 'goal-maria-santos-choir' : NEW_GOAL_KEY}`,
    refs.encounter,
    {
      code: typeCode('goal-progress'),
      focus: [existing ? EXISTING_GOAL : refs.newGoal],
      valueCodeableConcept: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/goal-achievement',
            code: existing ? 'improving' : 'in-progress',
            display: existing ? 'Improving' : 'In Progress',
          },
        ],
      },
      ...(existing ? { note: [{ text: 'Went to choir practice twice this month.' }] } : {}),
    },
    id,
  );
}

export function response(refs: ExampleRefs, id?: string): Observation {
  return observation(
    'peer-response-observation',
    'response',
    refs.encounter,
    {
      code: typeCode('person-response'),
      valueCodeableConcept: { coding: [ours('person-response', 'engaged')] },
      note: [{ text: 'Maria led the planning and laughed about the choir director.' }],
    },
    id,
  );
}

export function note(refs: ExampleRefs, kind: 'narrative' | 'next-steps', id?: string): Observation {
  const narrative = kind === 'narrative';
  return observation(
    'peer-note-observation',
    kind,
    refs.encounter,
    {
      code: narrative ? typeCode('peer-narrative') : typeCode('next-steps'),
      valueString: narrative
        ? 'We talked about getting back to choir. Maria shared that Sunday mornings feel easier since she started walking. We looked up the bus times together and she wants to try the library reading group as well.'
        : 'Maria will call the choir director on Thursday. We meet again next week by video.',
    },
    id,
  );
}

const CHECK_IN_ITEMS = [
  ['hope', 4],
  ['confidence', 3],
  ['connection', 4],
  ['control', 3],
  ['wellbeing', 4],
] as const;

export function recoveryCheckIn(refs: ExampleRefs, id?: string): Observation {
  return observation(
    'peer-outcome-measure-observation',
    'measure:recovery-check-in',
    refs.encounter,
    {
      category: category(true),
      code: typeCode('recovery-check-in'),
      valueInteger: CHECK_IN_ITEMS.reduce((sum, [, score]) => sum + score, 0),
      component: CHECK_IN_ITEMS.map(([code, score]) => ({
        code: { coding: [ours('recovery-check-in-item', code)] },
        valueInteger: score,
      })),
    },
    id,
  );
}

export function followUp(refs: ExampleRefs, id?: string): Observation {
  return observation(
    'peer-follow-up-observation',
    'follow-up',
    refs.encounter,
    {
      code: typeCode('follow-up-needed'),
      valueCodeableConcept: {
        coding: [ours('follow-up-reason', 'medication-question')],
      },
      note: [{ text: 'Maria asked whether her new medicine can make her sleepy in the morning.' }],
      component: [
        {
          code: typeCode('follow-up-urgency'),
          valueCodeableConcept: {
            coding: [{ system: 'http://hl7.org/fhir/request-priority', code: 'routine', display: 'Routine' }],
          },
        },
      ],
    },
    id,
  );
}
