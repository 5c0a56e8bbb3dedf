import type { ResourceAccess } from './scopes';

/** One line per resource type on why PeerBridge needs it, for the registration sheet IT reads. */
export const SCOPE_REASONS: Readonly<Record<ResourceAccess['resourceType'], string>> = {
  Patient: 'Show who the notes are about.',
  Condition: 'Show active problems beside peer notes.',
  Goal: 'Show recovery goals and record a goal in the person’s own words.',
  CareTeam: 'Show the care team and choose who follows up.',
  Encounter: 'Write peer support encounters and show them beside clinical visits.',
  Observation: 'Write activities, goal progress, responses and outcome measures of a peer encounter.',
  Provenance: 'Record who wrote or amended each peer note.',
  Task: 'Ask a clinician to follow up, and let the clinician acknowledge it.',
  RelatedPerson: 'Show family members a family peer advocate works with.',
  Practitioner: 'Show who is signed in and who is on the care team.',
  PractitionerRole: 'Tell peer specialists from clinicians, so each sees their own view.',
};
