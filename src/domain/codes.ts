/**
 * The one door through which code strings enter the app: every system, code and ValueSet comes from
 * the fhir-profiles package, never retyped here or elsewhere.
 */
import type { CodeSystem, ValueSet } from 'fhir/r4';
import peerRoleCodeSystemJson from '../../fhir-profiles/CodeSystem-peer-role.json';
import peerSupportRolesJson from '../../fhir-profiles/ValueSet-peer-support-roles.json';
import { expandValueSet } from './terminology';

const peerRoleCodeSystem = peerRoleCodeSystemJson as CodeSystem;
const peerSupportRolesValueSet = peerSupportRolesJson as ValueSet;

export const PEER_ROLE_SYSTEM = peerRoleCodeSystem.url ?? '';

/** PractitionerRole codes that make a user a peer support worker. */
export const PEER_SUPPORT_ROLE_CODES = expandValueSet(peerSupportRolesValueSet, [peerRoleCodeSystem]);
