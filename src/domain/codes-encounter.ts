/** Codes of an Encounter: class, session format, place of service, and the class labels of clinical visits. */
import {
  clinicalClasses,
  contactModes,
  encounterClasses,
  fhirCodes,
  placesOfService,
  sessionFormats,
  settings,
} from './fhir-profiles';
import { codingOf, type KnownCoding } from './codes-lookup';
import { CLINIC_PLACE_OF_SERVICE_CODES } from './codes-program';

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

/** Places of service a site may name for its clinic (runtime config `program.clinicPlaceOfService`). */
export const CLINIC_PLACES_OF_SERVICE: ReadonlyMap<string, KnownCoding> = new Map(
  CLINIC_PLACE_OF_SERVICE_CODES.map((code) => [code, codingOf(placesOfService, code)]),
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

/** Unit of an encounter's length in minutes. */
export const UCUM_MINUTE = codingOf(fhirCodes, 'min');
