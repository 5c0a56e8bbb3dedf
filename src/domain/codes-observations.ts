/** Codes of the Observations a note is made of: categories, observation codes, the UI's lists, scores. */
import {
  activities,
  categories,
  checkInItems,
  contactModes,
  fhirCodes,
  followUpReasons,
  goalProgress,
  observationTypes,
  outcomeMeasures,
  responses,
  sessionFormatSet,
  settings,
  urgencies,
} from './fhir-profiles';
import { codingOf, conceptList, type KnownCoding } from './codes-lookup';

export const CATEGORY = {
  peerSupport: codingOf(categories, 'peer-support'),
  peerSupportService: codingOf(categories, 'peer-support-service'),
  peerGroupSession: codingOf(categories, 'peer-group-session'),
  clinicianFollowUp: codingOf(categories, 'clinician-follow-up'),
  survey: codingOf(fhirCodes, 'survey'),
} as const;

export const OBSERVATION_CODE = {
  activity: codingOf(observationTypes, 'peer-activity'),
  goalProgress: codingOf(observationTypes, 'goal-progress'),
  response: codingOf(observationTypes, 'person-response'),
  narrative: codingOf(observationTypes, 'peer-narrative'),
  nextSteps: codingOf(observationTypes, 'next-steps'),
  checkIn: codingOf(outcomeMeasures, 'recovery-check-in'),
  followUp: codingOf(observationTypes, 'follow-up-needed'),
  urgency: codingOf(observationTypes, 'follow-up-urgency'),
} as const;

/** Lists for the UI, in the order fhir-profiles gives them. */
export const ACTIVITIES = conceptList(activities);
export const CONTACT_MODES = conceptList(contactModes);
export const SETTINGS = conceptList(settings);
export const RESPONSES = conceptList(responses);
export const FOLLOW_UP_REASONS = conceptList(followUpReasons);
export const FOLLOW_UP_URGENCIES = conceptList(urgencies);
export const GOAL_PROGRESS = conceptList(goalProgress);
export const CHECK_IN_ITEMS = conceptList(checkInItems);
export const OUTCOME_MEASURES = conceptList(outcomeMeasures);
export const SESSION_FORMATS = conceptList(sessionFormatSet);

/** Total scores PeerBridge writes and reads, with each instrument's range and which way is better. */
export interface ScoreMeasure {
  readonly coding: KnownCoding;
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly better: 'higher' | 'lower';
}
export const SCORE_MEASURES: readonly ScoreMeasure[] = [
  { coding: codingOf(outcomeMeasures, '44261-6'), name: 'PHQ-9', min: 0, max: 27, better: 'lower' },
  { coding: codingOf(outcomeMeasures, '55758-7'), name: 'PHQ-2', min: 0, max: 6, better: 'lower' },
  { coding: codingOf(outcomeMeasures, '70274-6'), name: 'GAD-7', min: 0, max: 21, better: 'lower' },
  { coding: codingOf(outcomeMeasures, 'barc-10-total'), name: 'BARC-10', min: 10, max: 60, better: 'higher' },
  { coding: codingOf(outcomeMeasures, 'qpr-15-total'), name: 'QPR-15', min: 0, max: 60, better: 'higher' },
];

/**
 * Goal progress as a level on a trend line, 1 (worse) to 5 (achieved). goal-achievement is not an
 * ordinal scale; this ordering is PeerBridge's reading of it, shown with the words beside the points.
 */
export const GOAL_PROGRESS_LEVEL: ReadonlyMap<string, number> = new Map(
  (
    [
      ['worsening', 1],
      ['not-achieved', 1],
      ['not-attainable', 1],
      ['no-change', 2],
      ['no-progress', 2],
      ['in-progress', 3],
      ['improving', 4],
      ['achieved', 5],
      ['sustaining', 5],
    ] as const
  ).map(([code, level]) => [codingOf(goalProgress, code).code, level]),
);
