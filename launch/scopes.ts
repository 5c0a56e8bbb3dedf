/**
 * What PeerBridge asks the EHR for, and why. The same list feeds the launch and the registration
 * sheet IT gives to the EHR, so the two cannot drift apart.
 */

/** SMART v2 permission letters, always written in this order. */
export type Permission = 'c' | 'r' | 'u' | 'd' | 's';

export interface ResourceAccess {
  readonly context: 'patient' | 'user';
  readonly resourceType: string;
  readonly permissions: readonly Permission[];
  readonly why: string;
}

export const RESOURCE_ACCESS: readonly ResourceAccess[] = [
  {
    context: 'patient',
    resourceType: 'Patient',
    permissions: ['r', 's'],
    why: 'Show who the notes are about.',
  },
  {
    context: 'patient',
    resourceType: 'Condition',
    permissions: ['r', 's'],
    why: 'Show active problems beside peer notes.',
  },
  {
    context: 'patient',
    resourceType: 'Goal',
    permissions: ['c', 'r', 'u', 's'],
    why: 'Show recovery goals and record a goal in the person’s own words.',
  },
  {
    context: 'patient',
    resourceType: 'CareTeam',
    permissions: ['r', 's'],
    why: 'Show the care team and choose who follows up.',
  },
  {
    context: 'patient',
    resourceType: 'Encounter',
    permissions: ['c', 'r', 'u', 's'],
    why: 'Write peer support encounters and show them beside clinical visits.',
  },
  {
    context: 'patient',
    resourceType: 'Observation',
    permissions: ['c', 'r', 'u', 's'],
    why: 'Write activities, goal progress, responses and outcome measures of a peer encounter.',
  },
  {
    context: 'patient',
    resourceType: 'Provenance',
    permissions: ['c', 'r', 's'],
    why: 'Record who wrote or amended each peer note.',
  },
  {
    context: 'patient',
    resourceType: 'Task',
    permissions: ['c', 'r', 'u', 's'],
    why: 'Ask a clinician to follow up, and let the clinician acknowledge it.',
  },
  {
    context: 'patient',
    resourceType: 'RelatedPerson',
    permissions: ['r', 's'],
    why: 'Show family members a family peer advocate works with.',
  },
  {
    context: 'user',
    resourceType: 'Practitioner',
    permissions: ['r', 's'],
    why: 'Show who is signed in and who is on the care team.',
  },
  {
    context: 'user',
    resourceType: 'PractitionerRole',
    permissions: ['r', 's'],
    why: 'Tell peer specialists from clinicians, so each sees their own view.',
  },
];

export const IDENTITY_SCOPES = ['openid', 'fhirUser'] as const;
/** Refresh while the user is active, so a long note never meets an expired session. */
export const SESSION_SCOPE = 'online_access';

export type ScopeStyle = 'v1' | 'v2';
export type LaunchKind = 'ehr' | 'standalone';

function v2Scope(access: ResourceAccess): string {
  return `${access.context}/${access.resourceType}.${access.permissions.join('')}`;
}

function v1Scopes(access: ResourceAccess): string[] {
  const prefix = `${access.context}/${access.resourceType}`;
  const writes = access.permissions.some((p) => p === 'c' || p === 'u' || p === 'd');
  return writes ? [`${prefix}.read`, `${prefix}.write`] : [`${prefix}.read`];
}

export function resourceScopes(style: ScopeStyle): string[] {
  return RESOURCE_ACCESS.flatMap((access) => (style === 'v2' ? [v2Scope(access)] : v1Scopes(access)));
}

export function requestedScope(style: ScopeStyle, kind: LaunchKind): string {
  const launch = kind === 'ehr' ? 'launch' : 'launch/patient';
  return [launch, ...IDENTITY_SCOPES, SESSION_SCOPE, ...resourceScopes(style)].join(' ');
}
