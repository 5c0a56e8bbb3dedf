/** Codes that say who someone is: peer and supervisor roles, the primary performer, the record number. */
import {
  CODE_SYSTEMS,
  fhirCodes,
  peerRoles,
  peerSupportRoles,
  supervisionRoles,
  supervisorRoles,
} from './fhir-profiles';
import { codingOf } from './codes-lookup';
import { expandValueSet } from './terminology';

export const PEER_ROLE_SYSTEM = peerRoles.url ?? '';
/** PractitionerRole codes that make a user a peer support worker. */
export const PEER_SUPPORT_ROLE_CODES = expandValueSet(peerSupportRoles, CODE_SYSTEMS);
/** PractitionerRole codes that make a user a peer support supervisor (never a peer: a separate CodeSystem). */
export const SUPERVISOR_ROLE_CODES = expandValueSet(supervisorRoles, CODE_SYSTEMS);
export const PEER_SUPPORT_SUPERVISOR = codingOf(supervisionRoles, 'peer-support-supervisor');

export const PRIMARY_PERFORMER = codingOf(fhirCodes, 'PPRF');
/** Identifier.type of a medical record number (v2-0203), for the patient banner. */
export const MEDICAL_RECORD_NUMBER = codingOf(fhirCodes, 'MR');
