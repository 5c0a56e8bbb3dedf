/**
 * The one door through which code strings enter the app: every system, code, profile and ValueSet
 * comes from the fhir-profiles package. This is the only file in src/ that names a code, and only as
 * a lookup into that package: `codingOf` throws while this module loads when a code is missing, so a
 * typo here (or a code renamed in fhir-profiles/) fails every test. tests/domain/code-literals.test.ts
 * keeps code strings out of the rest of src/.
 */
import type { CodeSystem, Coding, ValueSet } from 'fhir/r4';
import profilesPackage from '../../fhir-profiles/package.json';
import {
  activities,
  billingCodes,
  billingModifiers,
  categories,
  checkInItems,
  clinicalClasses,
  CODE_SYSTEMS,
  contactModes,
  encounterClasses,
  fhirCodes,
  followUpReasons,
  goalProgress,
  noteCategories,
  noteTypes,
  observationTypes,
  outcomeMeasures,
  peerRoles,
  peerSupportRoles,
  placesOfService,
  responses,
  supervisionRoles,
  supervisorRoles,
  securityLabels,
  sessionFormats,
  sessionFormatSet,
  settings,
  urgencies,
} from './fhir-profiles';
import { conceptsOf, expandValueSet, MissingCodeError, type Concept } from './terminology';

export { CODE_SYSTEMS, VALUE_SETS } from './fhir-profiles';

/** A coding read from fhir-profiles: system, code and display are always there. */
export type KnownCoding = Readonly<Required<Pick<Coding, 'system' | 'code' | 'display'>>>;

const lookups = new Map<CodeSystem | ValueSet, ReadonlyMap<string, Concept>>();

/** The concepts of a CodeSystem or ValueSet of fhir-profiles, for the UI's lists. */
export function conceptList(source: CodeSystem | ValueSet): readonly Concept[] {
  return conceptsOf(source, CODE_SYSTEMS);
}

/** The coding of `code` in `source`; throws MissingCodeError when fhir-profiles does not have it. */
export function codingOf(source: CodeSystem | ValueSet, code: string): KnownCoding {
  let lookup = lookups.get(source);
  if (!lookup) {
    lookup = new Map(conceptList(source).map((c) => [c.code, c]));
    lookups.set(source, lookup);
  }
  const concept = lookup.get(code);
  if (!concept) {
    throw new MissingCodeError(source.url ?? source.resourceType, code);
  }
  return Object.freeze({ system: concept.system, code: concept.code, display: concept.display });
}

export const CANONICAL: string = profilesPackage.canonical;
export const RESOURCE_KEY_SYSTEM = `${CANONICAL}/sid/resource-key`;
const sd = (id: string): string => `${CANONICAL}/StructureDefinition/${id}`;
export const PROFILE = {
  encounter: sd('peer-support-encounter'),
  activity: sd('peer-activity-observation'),
  goalProgress: sd('peer-goal-progress-observation'),
  response: sd('peer-response-observation'),
  note: sd('peer-note-observation'),
  outcomeMeasure: sd('peer-outcome-measure-observation'),
  followUp: sd('peer-follow-up-observation'),
  provenance: sd('peer-provenance'),
  clinicalNote: sd('peer-support-note'),
  cosign: sd('peer-cosign-provenance'),
  noteReturn: sd('peer-note-return'),
} as const;
export const EXTENSION = {
  billingModifier: sd('billing-modifier'),
  placeOfService: sd('place-of-service'),
  contactMode: sd('contact-mode'),
  sessionFormat: sd('session-format'),
  setting: sd('peer-setting'),
  nextContact: sd('next-contact'),
} as const;

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

export const BILLING = {
  peerServices: codingOf(billingCodes, 'H0038'),
  groupModifier: codingOf(billingModifiers, 'HQ'),
} as const;

/** The kind of programme a site runs (runtime config `program.kind`); it, not a note, decides HE/HF/HH. */
export type ProgramKind = 'substance-use' | 'mental-health' | 'co-occurring';
export const PROGRAM_KINDS: readonly ProgramKind[] = ['substance-use', 'mental-health', 'co-occurring'];
/** HCPCS HF substance abuse, HE mental health, HH integrated mental health/substance abuse programme. */
export const PROGRAM_MODIFIER: Readonly<Record<ProgramKind, KnownCoding>> = {
  'substance-use': codingOf(billingModifiers, 'HF'),
  'mental-health': codingOf(billingModifiers, 'HE'),
  'co-occurring': codingOf(billingModifiers, 'HH'),
};

/** Modifiers a payer may want on a video contact, by code: CPT 95 (the default) or HCPCS GT. */
export const TELEHEALTH_MODIFIERS: ReadonlyMap<string, KnownCoding> = new Map(
  ['95', 'GT'].map((code) => [code, codingOf(billingModifiers, code)]),
);
export const DEFAULT_TELEHEALTH_MODIFIER = codingOf(billingModifiers, '95');
const VIDEO = codingOf(contactModes, 'video').code;
/** Whether a contact mode is the real-time audio-and-video one that 95/GT describe (not phone or text). */
export function isVideoContact(contactMode: string): boolean {
  return contactMode === VIDEO;
}

/** Places of service a site may name for its clinic (runtime config `program.clinicPlaceOfService`). */
export const CLINIC_PLACES_OF_SERVICE: ReadonlyMap<string, KnownCoding> = new Map(
  ['11', '49', '50', '53', '57', '58'].map((code) => [code, codingOf(placesOfService, code)]),
);
const POS = {
  telehealthElsewhere: codingOf(placesOfService, '02'),
  telehealthAtHome: codingOf(placesOfService, '10'),
  office: codingOf(placesOfService, '11'),
  other: codingOf(placesOfService, '99'),
};
const POS_OF_SETTING: ReadonlyMap<string, KnownCoding> = new Map(
  (
    [
      ['home', '12'],
      ['emergency-department', '23'],
      ['hospital', '21'],
      ['shelter', '04'],
      ['jail', '09'],
      ['school', '03'],
      ['community', '99'],
      ['other', '99'],
    ] as const
  ).map(([setting, code]) => [codingOf(settings, setting).code, codingOf(placesOfService, code)]),
);

/**
 * The CMS place of service of a contact (docs/fhir-model.md): by telecommunication 10 when the person
 * was at home, else 02 (CMS CR 12427); in person from the setting, the clinic being the site's own
 * place (11 office unless configured). Undefined for an in-person contact with no setting: unknown is
 * not guessed.
 */
export function placeOfServiceFor(
  contactMode: string,
  setting: string | undefined,
  clinic: KnownCoding = POS.office,
): KnownCoding | undefined {
  if (contactMode !== IN_PERSON) {
    return setting === AT_HOME ? POS.telehealthAtHome : POS.telehealthElsewhere;
  }
  if (setting === AT_CLINIC) {
    return clinic;
  }
  return setting === undefined ? undefined : (POS_OF_SETTING.get(setting) ?? POS.other);
}

/**
 * The clinical note (a US Core DocumentReference): category clinical-note, type LOINC Progress note
 * unless the site configures its own. `text/plain` with an explicit charset, so every EHR shows the
 * attachment as text (https://hl7.org/fhir/us/core/writing-clinical-notes.html).
 */
export const CLINICAL_NOTE = {
  category: codingOf(noteCategories, 'clinical-note'),
  progressNote: codingOf(noteTypes, '11506-3'),
  contentType: 'text/plain; charset=utf-8',
} as const;

/** Communication.category of a follow-up request sent where Task is not creatable (Oracle Health takes notification). */
export const FOLLOW_UP_MESSAGE_CATEGORY = codingOf(fhirCodes, 'notification');

export const PRIMARY_PERFORMER = codingOf(fhirCodes, 'PPRF');
export const UCUM_MINUTE = codingOf(fhirCodes, 'min');
/** Identifier.type of a medical record number (v2-0203), for the patient banner. */
export const MEDICAL_RECORD_NUMBER = codingOf(fhirCodes, 'MR');
export const PROVENANCE_CODE = {
  create: codingOf(fhirCodes, 'CREATE'),
  update: codingOf(fhirCodes, 'UPDATE'),
  nullify: codingOf(fhirCodes, 'NULLIFY'),
  author: codingOf(fhirCodes, 'author'),
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

/** Total scores a peer may record, with the range each instrument allows. */
export interface ScoreMeasure {
  readonly coding: KnownCoding;
  readonly name: string;
  readonly min: number;
  readonly max: number;
}
export const SCORE_MEASURES: readonly ScoreMeasure[] = [
  { coding: codingOf(outcomeMeasures, '44261-6'), name: 'PHQ-9', min: 0, max: 27 },
  { coding: codingOf(outcomeMeasures, '55758-7'), name: 'PHQ-2', min: 0, max: 6 },
  { coding: codingOf(outcomeMeasures, '70274-6'), name: 'GAD-7', min: 0, max: 21 },
];

export type SessionFormat = 'individual' | 'group';
export const SESSION_FORMAT: Readonly<Record<SessionFormat, KnownCoding>> = {
  individual: codingOf(sessionFormats, 'individual'),
  group: codingOf(sessionFormats, 'group'),
};

/** The session format a session-format code names, if it is one of ours. */
export function sessionFormatOf(code: unknown): SessionFormat | undefined {
  if (code === SESSION_FORMAT.group.code) {
    return 'group';
  }
  return code === SESSION_FORMAT.individual.code ? 'individual' : undefined;
}

/** Sensitivity of a note: its labels are in SECURITY_LABELS. */
export type Sensitivity = 'normal' | 'restricted' | 'part2';
const RESTRICTED = codingOf(securityLabels, 'R');
export const PART2_LABEL = codingOf(securityLabels, '42CFRPart2');
export const SECURITY_LABELS: Readonly<Record<Sensitivity, readonly KnownCoding[]>> = {
  normal: [],
  restricted: [RESTRICTED, codingOf(securityLabels, 'BH')],
  part2: [RESTRICTED, codingOf(securityLabels, 'SUD'), PART2_LABEL, codingOf(securityLabels, 'NORDSCLCD')],
};
export const RESTRICTED_LABEL = RESTRICTED;

const CLASS = {
  clinic: codingOf(encounterClasses, 'AMB'),
  home: codingOf(encounterClasses, 'HH'),
  field: codingOf(encounterClasses, 'FLD'),
  virtual: codingOf(encounterClasses, 'VR'),
};
const IN_PERSON = codingOf(contactModes, 'in-person').code;
const AT_HOME = codingOf(settings, 'home').code;
const AT_CLINIC = codingOf(settings, 'clinic').code;

/** Encounter.class from how and where peer support happened (docs/fhir-model.md). */
export function encounterClassFor(contactMode: string, setting: string | undefined): KnownCoding {
  if (contactMode !== IN_PERSON) {
    return CLASS.virtual;
  }
  if (setting === AT_HOME) {
    return CLASS.home;
  }
  return setting === AT_CLINIC ? CLASS.clinic : CLASS.field;
}

const URGENCY_CODES = new Set(['routine', 'urgent', 'asap'].map((c) => codingOf(urgencies, c).code));
/** Task.priority for a follow-up urgency code (FHIR request-priority), if it is one. */
export function taskPriorityOf(code: string): 'routine' | 'urgent' | 'asap' | undefined {
  if (!URGENCY_CODES.has(code)) {
    return undefined;
  }
  switch (code) {
    case 'routine':
    case 'urgent':
    case 'asap':
      return code;
    default:
      return undefined;
  }
}

/** Encounter.class codes that put a clinical encounter in the emergency or inpatient rows. */
export const EMERGENCY_CLASS = new Set([codingOf(clinicalClasses, 'EMER').code]);
export const INPATIENT_CLASS = new Set(
  ['IMP', 'ACUTE', 'NONAC'].map((c) => codingOf(clinicalClasses, c).code),
);

/**
 * Encounter.class (v3 ActCode) as a clinician names the visit, for encounters whose type and
 * serviceType say nothing: the ActCode displays ("ambulatory", "inpatient encounter") are jargon.
 * Keyed by code: the class system is v3 ActCode in R4, and servers that send no system mean it too.
 */
export const ENCOUNTER_CLASS_LABELS: ReadonlyMap<string, string> = new Map(
  (
    [
      [codingOf(encounterClasses, 'AMB'), 'Outpatient visit'],
      [codingOf(encounterClasses, 'HH'), 'Home health visit'],
      [codingOf(encounterClasses, 'FLD'), 'Field visit'],
      [codingOf(encounterClasses, 'VR'), 'Virtual visit'],
      [codingOf(clinicalClasses, 'EMER'), 'Emergency visit'],
      [codingOf(clinicalClasses, 'IMP'), 'Hospital stay'],
      [codingOf(clinicalClasses, 'ACUTE'), 'Hospital stay (acute)'],
      [codingOf(clinicalClasses, 'NONAC'), 'Hospital stay (non-acute)'],
    ] as const
  ).map(([coding, label]) => [coding.code, label]),
);
export const ENCOUNTER_CLASS_SYSTEM = codingOf(encounterClasses, 'AMB').system;

export const PEER_ROLE_SYSTEM = peerRoles.url ?? '';
/** PractitionerRole codes that make a user a peer support worker. */
export const PEER_SUPPORT_ROLE_CODES = expandValueSet(peerSupportRoles, CODE_SYSTEMS);
/** PractitionerRole codes that make a user a peer support supervisor (never a peer: a separate CodeSystem). */
export const SUPERVISOR_ROLE_CODES = expandValueSet(supervisorRoles, CODE_SYSTEMS);
export const PEER_SUPPORT_SUPERVISOR = codingOf(supervisionRoles, 'peer-support-supervisor');

/**
 * A supervisor's co-signature (profile peer-cosign-provenance): agent type verifier, activity
 * v3-ParticipationType VRF, a code of R4's Provenance activity value set
 * (https://hl7.org/fhir/R4/valueset-provenance-activity-type.html).
 */
export const COSIGN = {
  agentType: codingOf(fhirCodes, 'verifier'),
  activity: codingOf(fhirCodes, 'VRF'),
} as const;

/** A note returned to its peer with a comment (profile peer-note-return; notification for Oracle Health). */
export const NOTE_RETURNED_CATEGORY = codingOf(categories, 'note-returned');

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
