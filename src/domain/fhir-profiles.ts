/**
 * The CodeSystems and ValueSets of fhir-profiles/, loaded and checked once. No code strings here:
 * src/domain/codes-*.ts look codes up in these.
 */
import type { CodeSystem, ValueSet } from 'fhir/r4';
import { isRecord } from './guards';
import contactModeCs from '../../fhir-profiles/CodeSystem-contact-mode.json';
import followUpReasonCs from '../../fhir-profiles/CodeSystem-follow-up-reason.json';
import peerActivityCs from '../../fhir-profiles/CodeSystem-peer-activity.json';
import observationTypeCs from '../../fhir-profiles/CodeSystem-peer-observation-type.json';
import peerRoleCs from '../../fhir-profiles/CodeSystem-peer-role.json';
import supervisionRoleCs from '../../fhir-profiles/CodeSystem-peer-supervision-role.json';
import settingCs from '../../fhir-profiles/CodeSystem-peer-setting.json';
import categoryCs from '../../fhir-profiles/CodeSystem-peer-support-category.json';
import responseCs from '../../fhir-profiles/CodeSystem-person-response.json';
import checkInItemCs from '../../fhir-profiles/CodeSystem-recovery-check-in-item.json';
import sessionFormatCs from '../../fhir-profiles/CodeSystem-session-format.json';
import clinicalClassesVs from '../../fhir-profiles/ValueSet-clinical-encounter-classes.json';
import contactModeVs from '../../fhir-profiles/ValueSet-contact-mode.json';
import followUpReasonVs from '../../fhir-profiles/ValueSet-follow-up-reason.json';
import urgencyVs from '../../fhir-profiles/ValueSet-follow-up-urgency.json';
import goalProgressVs from '../../fhir-profiles/ValueSet-goal-progress.json';
import activityVs from '../../fhir-profiles/ValueSet-peer-activity.json';
import billingCodesVs from '../../fhir-profiles/ValueSet-peer-billing-codes.json';
import billingModifiersVs from '../../fhir-profiles/ValueSet-peer-billing-modifiers.json';
import encounterClassesVs from '../../fhir-profiles/ValueSet-peer-encounter-classes.json';
import fhirCodesVs from '../../fhir-profiles/ValueSet-peer-fhir-codes.json';
import noteCategoriesVs from '../../fhir-profiles/ValueSet-peer-note-categories.json';
import noteTypesVs from '../../fhir-profiles/ValueSet-peer-note-types.json';
import outcomeMeasuresVs from '../../fhir-profiles/ValueSet-peer-outcome-measures.json';
import placesOfServiceVs from '../../fhir-profiles/ValueSet-peer-places-of-service.json';
import securityLabelsVs from '../../fhir-profiles/ValueSet-peer-security-labels.json';
import settingVs from '../../fhir-profiles/ValueSet-peer-setting.json';
import peerSupportRolesVs from '../../fhir-profiles/ValueSet-peer-support-roles.json';
import supervisorRolesVs from '../../fhir-profiles/ValueSet-peer-supervisor-roles.json';
import responseVs from '../../fhir-profiles/ValueSet-person-response.json';
import checkInItemVs from '../../fhir-profiles/ValueSet-recovery-check-in-item.json';
import sessionFormatVs from '../../fhir-profiles/ValueSet-session-format.json';

function isTerminology(value: unknown): value is CodeSystem | ValueSet {
  return isRecord(value) && (value.resourceType === 'CodeSystem' || value.resourceType === 'ValueSet');
}

function load<T extends CodeSystem | ValueSet>(json: unknown, type: T['resourceType']): T {
  if (!isTerminology(json) || json.resourceType !== type) {
    throw new Error(`A file in fhir-profiles/ is not a ${type}; check the imports of src/domain/codes-*.ts.`);
  }
  return json as T;
}
const cs = (json: unknown): CodeSystem => load<CodeSystem>(json, 'CodeSystem');
const vs = (json: unknown): ValueSet => load<ValueSet>(json, 'ValueSet');

export const observationTypes = cs(observationTypeCs);
export const peerRoles = cs(peerRoleCs);
export const supervisionRoles = cs(supervisionRoleCs);
export const categories = cs(categoryCs);
export const sessionFormats = cs(sessionFormatCs);
export const CODE_SYSTEMS: readonly CodeSystem[] = [
  cs(contactModeCs),
  cs(followUpReasonCs),
  cs(peerActivityCs),
  observationTypes,
  peerRoles,
  supervisionRoles,
  cs(settingCs),
  categories,
  cs(responseCs),
  cs(checkInItemCs),
  sessionFormats,
];

export const contactModes = vs(contactModeVs);
export const followUpReasons = vs(followUpReasonVs);
export const urgencies = vs(urgencyVs);
export const goalProgress = vs(goalProgressVs);
export const activities = vs(activityVs);
export const billingCodes = vs(billingCodesVs);
export const billingModifiers = vs(billingModifiersVs);
export const encounterClasses = vs(encounterClassesVs);
export const fhirCodes = vs(fhirCodesVs);
export const outcomeMeasures = vs(outcomeMeasuresVs);
export const placesOfService = vs(placesOfServiceVs);
export const securityLabels = vs(securityLabelsVs);
export const settings = vs(settingVs);
export const peerSupportRoles = vs(peerSupportRolesVs);
export const supervisorRoles = vs(supervisorRolesVs);
export const responses = vs(responseVs);
export const checkInItems = vs(checkInItemVs);
export const sessionFormatSet = vs(sessionFormatVs);
export const clinicalClasses = vs(clinicalClassesVs);
export const noteTypes = vs(noteTypesVs);
export const noteCategories = vs(noteCategoriesVs);
export const VALUE_SETS: readonly ValueSet[] = [
  contactModes,
  followUpReasons,
  urgencies,
  goalProgress,
  activities,
  billingCodes,
  billingModifiers,
  encounterClasses,
  fhirCodes,
  outcomeMeasures,
  placesOfService,
  securityLabels,
  settings,
  peerSupportRoles,
  supervisorRoles,
  responses,
  checkInItems,
  sessionFormatSet,
  clinicalClasses,
  noteTypes,
  noteCategories,
];
