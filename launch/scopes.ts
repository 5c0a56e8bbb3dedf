/**
 * What PeerBridge asks the EHR for. The same list feeds the launch and the registration sheet IT gives
 * to the EHR (with the reasons in scope-reasons.ts, kept apart so the launch page does not carry them).
 */
// Type only: a value from src/domain here would become a chunk the launch page and the app share.
import type { Permission } from '../src/domain/scope-permissions';

export interface ResourceAccess {
  readonly context: 'patient' | 'user';
  readonly resourceType: string;
  readonly permissions: readonly Permission[];
}

export const RESOURCE_ACCESS: readonly ResourceAccess[] = [
  {
    context: 'patient',
    resourceType: 'Patient',
    permissions: ['r', 's'],
  },
  {
    context: 'patient',
    resourceType: 'Condition',
    permissions: ['r', 's'],
  },
  {
    context: 'patient',
    resourceType: 'Goal',
    permissions: ['c', 'r', 'u', 's'],
  },
  {
    context: 'patient',
    resourceType: 'CareTeam',
    permissions: ['r', 's'],
  },
  {
    context: 'patient',
    resourceType: 'Encounter',
    permissions: ['c', 'r', 'u', 's'],
  },
  {
    context: 'patient',
    resourceType: 'Observation',
    permissions: ['c', 'r', 'u', 's'],
  },
  // Standard instruments answered item by item, where the EHR takes them (not Epic, not Oracle Health).
  {
    context: 'patient',
    resourceType: 'QuestionnaireResponse',
    permissions: ['c', 'r', 'u', 's'],
  },
  {
    context: 'patient',
    resourceType: 'Provenance',
    permissions: ['c', 'r', 's'],
  },
  {
    context: 'patient',
    resourceType: 'Task',
    permissions: ['c', 'r', 'u', 's'],
  },
  // The clinical note: the one write Epic and Oracle Health document for apps (shared/EHR-VENDORS.md).
  {
    context: 'patient',
    resourceType: 'DocumentReference',
    permissions: ['c', 'r', 'u', 's'],
  },
  // Follow-up requests where the EHR takes no Task from apps (Oracle Health Communication create).
  {
    context: 'patient',
    resourceType: 'Communication',
    permissions: ['c', 'r', 's'],
  },
  {
    context: 'patient',
    resourceType: 'RelatedPerson',
    permissions: ['r', 's'],
  },
  // Opened without a chart ("My people"), the person being documented is read and written at user
  // level, as are group participants: each gets their own encounter and notes.
  { context: 'user', resourceType: 'CareTeam', permissions: ['r', 's'] },
  { context: 'user', resourceType: 'Patient', permissions: ['r', 's'] },
  { context: 'user', resourceType: 'Encounter', permissions: ['c', 'r', 'u', 's'] },
  { context: 'user', resourceType: 'Observation', permissions: ['c', 'r', 'u', 's'] },
  { context: 'user', resourceType: 'QuestionnaireResponse', permissions: ['c', 'r', 'u', 's'] },
  { context: 'user', resourceType: 'Provenance', permissions: ['c', 'r', 's'] },
  { context: 'user', resourceType: 'Condition', permissions: ['r', 's'] },
  { context: 'user', resourceType: 'Goal', permissions: ['c', 'r', 'u', 's'] },
  { context: 'user', resourceType: 'Task', permissions: ['c', 'r', 'u', 's'] },
  { context: 'user', resourceType: 'Communication', permissions: ['c', 'r', 's'] },
  { context: 'user', resourceType: 'RelatedPerson', permissions: ['r', 's'] },
  // Each participant's own clinical note (every save writes one where the EHR takes notes).
  { context: 'user', resourceType: 'DocumentReference', permissions: ['c', 'r', 'u', 's'] },
  {
    context: 'user',
    resourceType: 'Practitioner',
    permissions: ['r', 's'],
  },
  {
    context: 'user',
    resourceType: 'PractitionerRole',
    permissions: ['r', 's'],
  },
];

export const IDENTITY_SCOPES = ['openid', 'fhirUser'] as const;
/** Refresh while the user is active, so a long note never meets an expired session. */
export const SESSION_SCOPE = 'online_access';

/** `patient/Encounter`: the key of an access, for its reason on the registration sheet. */
export function accessKey(access: ResourceAccess): string {
  return `${access.context}/${access.resourceType}`;
}

export type ScopeStyle = 'v1' | 'v2';
export type LaunchKind = 'ehr' | 'standalone';

export function v2Scope(access: ResourceAccess): string {
  return `${access.context}/${access.resourceType}.${access.permissions.join('')}`;
}

export function v1Scopes(access: ResourceAccess): string[] {
  const prefix = `${access.context}/${access.resourceType}`;
  const writes = access.permissions.some((p) => p === 'c' || p === 'u' || p === 'd');
  return writes ? [`${prefix}.read`, `${prefix}.write`] : [`${prefix}.read`];
}

export function resourceScopes(style: ScopeStyle): string[] {
  return RESOURCE_ACCESS.flatMap((access) => (style === 'v2' ? [v2Scope(access)] : v1Scopes(access)));
}

/** An EHR launch receives its context; a standalone launch asks the EHR to pick a patient. */
export function launchScope(kind: LaunchKind): string {
  return kind === 'ehr' ? 'launch' : 'launch/patient';
}

export function requestedScope(style: ScopeStyle, kind: LaunchKind): string {
  return [launchScope(kind), ...IDENTITY_SCOPES, SESSION_SCOPE, ...resourceScopes(style)].join(' ');
}
