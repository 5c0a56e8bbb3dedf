/** One line per resource type on why PeerBridge needs it, for the registration sheet IT reads. */
export const SCOPE_REASONS: Readonly<Record<string, string>> = {
  'patient/Patient': 'Show who the notes are about.',
  'patient/Condition': 'Show active problems beside peer notes.',
  'patient/Goal': 'Show recovery goals and record a goal in the person’s own words.',
  'patient/CareTeam': 'Show the care team and choose who follows up.',
  'patient/Encounter': 'Write peer support encounters and show them beside clinical visits.',
  'patient/Observation':
    'Write activities, goal progress, responses and outcome measures of a peer encounter.',
  'patient/QuestionnaireResponse':
    'Write the answers to PHQ-9, GAD-7, BARC-10 and QPR-15 item by item where the EHR takes them, and read them back.',
  'patient/Provenance': 'Record who wrote or amended each peer note.',
  'patient/Task': 'Ask a clinician to follow up, and let the clinician acknowledge it.',
  'patient/DocumentReference':
    'Write each peer note as a clinical note every EHR can show, and read PeerBridge notes back.',
  'patient/Communication':
    'Send a follow-up request to a practitioner where the EHR takes no tasks from apps.',
  'patient/RelatedPerson': 'Show family members a family peer advocate works with.',
  'user/Practitioner': 'Show who is signed in and who is on the care team.',
  'user/PractitionerRole': 'Tell peer specialists from clinicians, so each sees their own view.',
  'user/CareTeam': 'List the peer’s people (“My people”) and the other people of a group session.',
  'user/Patient': 'Name the peer’s people and the participants of a group session.',
  'user/Encounter':
    'Show each person’s last peer contact, and write the encounter of a person opened from “My people” or in a group.',
  'user/Observation': 'Write the activities and measures of a person opened from “My people” or in a group.',
  'user/QuestionnaireResponse':
    'Write the instrument answers of a person opened from “My people” or in a group.',
  'user/Provenance': 'Record who wrote the note of a person opened from “My people” or in a group.',
  'user/DocumentReference': 'Write the clinical note of a person opened from “My people” or in a group.',
  'user/Condition': 'Show active problems of a person opened from “My people”.',
  'user/Goal': 'Show and record the goals of a person opened from “My people”.',
  'user/Task': 'Show open follow-ups in “My people”, and ask a clinician to follow up from it.',
  'user/Communication': 'Send a follow-up request from “My people” where the EHR takes no tasks from apps.',
  'user/RelatedPerson': 'Show family members of a person opened from “My people”.',
};

/** One line on each scope that is not about a resource type, keyed by the scope as requested. */
export const CONTEXT_SCOPE_REASONS: Readonly<Record<string, string>> = {
  launch: 'Open on the patient (and encounter) the EHR has in view when it launches PeerBridge.',
  'launch/patient': 'Let the user pick a patient when PeerBridge is opened on its own (standalone launch).',
  openid: 'Learn who signed in, from the EHR’s OpenID Connect id token.',
  fhirUser: 'Find the signed-in user’s FHIR record, to show their role and name them as a note’s author.',
  online_access: 'Refresh access while the user is active, so a long note never meets an expired session.',
};
