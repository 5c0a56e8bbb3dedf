import type { CodeableConcept, Practitioner, PractitionerRole } from 'fhir/r4';
import { PEER_SUPPORT_ROLE_CODES, SUPERVISOR_ROLE_CODES } from './codes';
import { formatCodeableConcept } from './format';
import { arrayOf, isRecord } from './guards';
import { parseReference, referenceTo } from './references';
import { codingKey, codingsIn, type CodingKey } from './terminology';

/**
 * Peers document; supervisors read like clinicians in a chart and also review their team's notes;
 * everyone else (clinicians, staff) reads.
 */
export type UserKind = 'peer' | 'supervisor' | 'clinician';

export interface UserRole {
  readonly kind: UserKind;
  /** The role as the EHR names it, e.g. "Peer Specialist" or "Psychiatry". */
  readonly label: string;
}

/** A code a site uses for its peers, from the runtime config's `peerRoleCodes`. */
export interface RoleCode {
  readonly system: string;
  readonly code: string;
}

/**
 * What, beyond PeerBridge's own value sets, makes a user a peer (or a peer support supervisor) at this
 * site (runtime config, per issuer).
 */
export interface PeerRecognition {
  readonly roleCodes: readonly RoleCode[];
  /** fhirUser references or URLs of people the site lists as peers. */
  readonly users: readonly string[];
  /** The runtime config's `supervisorRoleCodes`. */
  readonly supervisorRoleCodes?: readonly RoleCode[];
  /** The runtime config's `supervisorUsers`: fhirUser references or URLs. */
  readonly supervisorUsers?: readonly string[];
}

export const NO_PEER_RECOGNITION: PeerRecognition = { roleCodes: [], users: [] };

/** What the EHR shared about the signed-in user. */
export interface UserEvidence {
  /** The token's fhirUser. */
  readonly reference?: string;
  readonly roles: readonly PractitionerRole[];
  readonly practitioner?: Practitioner;
}

function peerCodes(recognition: PeerRecognition): ReadonlySet<CodingKey> {
  return new Set([
    ...PEER_SUPPORT_ROLE_CODES,
    ...recognition.roleCodes.map((code) => codingKey(code.system, code.code)),
  ]);
}

function supervisorCodes(recognition: PeerRecognition): ReadonlySet<CodingKey> {
  return new Set([
    ...SUPERVISOR_ROLE_CODES,
    ...(recognition.supervisorRoleCodes ?? []).map((code) => codingKey(code.system, code.code)),
  ]);
}

function peerConceptIn(concepts: unknown, codes: ReadonlySet<CodingKey>): CodeableConcept | undefined {
  const list = Array.isArray(concepts) ? (concepts as unknown[]) : [];
  return list.find(
    (concept): concept is CodeableConcept => isRecord(concept) && codingsIn(concept, codes).length > 0,
  );
}

/**
 * Whether a PractitionerRole is a peer support role: by `code` (PeerBridge's own roles, older US Core)
 * or by `specialty` (US Core 6+ puts the NUCC taxonomy, 175T00000X Peer Specialist, there).
 */
export function isPeerRole(role: PractitionerRole, recognition = NO_PEER_RECOGNITION): boolean {
  const codes = peerCodes(recognition);
  return (
    role.active !== false &&
    (peerConceptIn(role.code, codes) !== undefined || peerConceptIn(role.specialty, codes) !== undefined)
  );
}

function sameUser(reference: string | undefined, listed: string): boolean {
  const a = parseReference(reference);
  const b = parseReference(listed);
  return a !== undefined && b !== undefined && referenceTo(a) === referenceTo(b);
}

/** The peer (or supervisor) kind the evidence shows for one set of codes and listed users. */
function recognisedAs(
  kind: 'peer' | 'supervisor',
  evidence: UserEvidence,
  codes: ReadonlySet<CodingKey>,
  users: readonly string[],
): UserRole | undefined {
  const fallbackLabel = kind === 'peer' ? 'Peer specialist' : 'Peer support supervisor';
  for (const role of evidence.roles.filter((r) => r.active !== false)) {
    const concept = peerConceptIn(role.code, codes) ?? peerConceptIn(role.specialty, codes);
    if (concept) {
      const specialty = formatCodeableConcept(role.specialty?.[0]);
      return { kind, label: specialty || formatCodeableConcept(concept) || fallbackLabel };
    }
  }
  const qualification = arrayOf(evidence.practitioner?.qualification)
    .filter((q) => isRecord(q))
    .map((q) => peerConceptIn([q.code], codes))
    .find((concept) => concept !== undefined);
  if (qualification) {
    return { kind, label: formatCodeableConcept(qualification) || fallbackLabel };
  }
  if (users.some((listed) => sameUser(evidence.reference, listed))) {
    return { kind, label: fallbackLabel };
  }
  return undefined;
}

/**
 * Decides whether the signed-in user is a peer support supervisor or a peer support worker: a
 * PractitionerRole (code or specialty), a qualification on their Practitioner (EHRs without
 * PractitionerRole, such as Oracle Health), or the site's own lists. Supervisor evidence is checked
 * first: a supervisor who also holds a peer role is reviewing here, and reads charts like a clinician.
 * Anyone else is treated as a clinician: the read-only view is the safe default.
 */
export function classifyUser(evidence: UserEvidence, recognition = NO_PEER_RECOGNITION): UserRole {
  const recognised =
    recognisedAs('supervisor', evidence, supervisorCodes(recognition), recognition.supervisorUsers ?? []) ??
    recognisedAs('peer', evidence, peerCodes(recognition), recognition.users);
  if (recognised) {
    return recognised;
  }
  const first = evidence.roles.find((role) => role.active !== false);
  const label = formatCodeableConcept(first?.specialty?.[0]) || formatCodeableConcept(first?.code?.[0]);
  return { kind: 'clinician', label: label || 'Clinician' };
}

/** Whether the signed-in user reviews and co-signs peer notes. */
export function isSupervisor(role: UserRole): boolean {
  return role.kind === 'supervisor';
}

/** The role from PractitionerRoles alone. */
export function classifyUserRole(roles: readonly PractitionerRole[]): UserRole {
  return classifyUser({ roles });
}
