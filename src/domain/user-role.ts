import type { PractitionerRole } from 'fhir/r4';
import { PEER_SUPPORT_ROLE_CODES } from './codes';
import { formatCodeableConcept } from './format';
import { codingsIn } from './terminology';

/** Peers document; everyone else (clinicians, staff) reads. */
export type UserKind = 'peer' | 'clinician';

export interface UserRole {
  readonly kind: UserKind;
  /** The role as the EHR names it, e.g. "Peer Specialist" or "Psychiatry". */
  readonly label: string;
}

/**
 * Decides whether the signed-in user is a peer support worker from their PractitionerRoles. A user
 * with no role we recognise is treated as a clinician: the read-only view is the safe default.
 */
export function isPeerRole(role: PractitionerRole): boolean {
  return (
    role.active !== false &&
    (role.code ?? []).some((code) => codingsIn(code, PEER_SUPPORT_ROLE_CODES).length > 0)
  );
}

export function classifyUserRole(roles: readonly PractitionerRole[]): UserRole {
  const active = roles.filter((role) => role.active !== false);
  for (const role of active) {
    const peerConcept = (role.code ?? []).find((code) => codingsIn(code, PEER_SUPPORT_ROLE_CODES).length > 0);
    if (peerConcept) {
      const specialty = formatCodeableConcept(role.specialty?.[0]);
      return { kind: 'peer', label: specialty || formatCodeableConcept(peerConcept) };
    }
  }
  const first = active[0];
  const label = formatCodeableConcept(first?.specialty?.[0]) || formatCodeableConcept(first?.code?.[0]);
  return { kind: 'clinician', label: label || 'Clinician' };
}
