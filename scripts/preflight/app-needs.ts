/**
 * What PeerBridge needs from an EHR, with how bad it is when a need is missing and what to tell IT.
 * Severity follows what the app does without it: it fails where the app cannot work, and warns where
 * the app has a fallback or only one feature suffers.
 */
import { RESOURCE_ACCESS } from '../../launch/scopes';

export type NeedSeverity = 'fail' | 'warn';

export interface CapabilityNeed {
  readonly capability: string;
  readonly severity: NeedSeverity;
  /** What goes wrong without it. */
  readonly without: string;
}

/** https://hl7.org/fhir/smart-app-launch/conformance.html#capabilities */
export const CAPABILITY_NEEDS: readonly CapabilityNeed[] = [
  { capability: 'launch-ehr', severity: 'fail', without: 'PeerBridge cannot be opened from the chart.' },
  {
    capability: 'launch-standalone',
    severity: 'fail',
    without: 'Peer specialists cannot open PeerBridge outside the EHR (standalone launch).',
  },
  {
    capability: 'client-public',
    severity: 'fail',
    without: 'PeerBridge is a browser app without a secret; it can only register as a public client.',
  },
  {
    capability: 'context-ehr-patient',
    severity: 'fail',
    without: 'An EHR launch would not say which patient is open.',
  },
  {
    capability: 'context-standalone-patient',
    severity: 'warn',
    without:
      'A standalone launch could not ask the user to pick a patient; peers still open PeerBridge from the chart.',
  },
  {
    capability: 'permission-user',
    severity: 'warn',
    without: 'Group sessions need user/ scopes to write each participant’s notes; single notes still work.',
  },
  {
    capability: 'sso-openid-connect',
    severity: 'warn',
    without:
      'PeerBridge cannot tell who is signed in (openid fhirUser), so it cannot tell peers from clinicians.',
  },
];

export type Interaction = 'read' | 'search-type' | 'create' | 'update';

export interface ResourceNeed {
  readonly resourceType: string;
  readonly required: readonly Interaction[];
  /** Missing ones warn: the app copes, or only one feature needs them. */
  readonly optional: readonly Interaction[];
  readonly why: string;
  /** What a missing optional interaction costs, in IT's words. */
  readonly withoutOptional?: string;
  /** The app works without the resource type at all (a warning, not a failure). */
  readonly mayBeAbsent?: boolean;
}

const READ_SEARCH: readonly Interaction[] = ['read', 'search-type'];
const WRITE: readonly Interaction[] = ['create', 'update'];
/** Structured writes follow the save plan: where a server refuses them, the details stay in the note. */
const IN_THE_NOTE = 'These details then stay inside the clinical note (see the save plan).';

export const RESOURCE_NEEDS: readonly ResourceNeed[] = [
  { resourceType: 'Patient', required: READ_SEARCH, optional: [], why: 'who the notes are about' },
  { resourceType: 'Condition', required: READ_SEARCH, optional: [], why: 'active problems' },
  {
    resourceType: 'Goal',
    required: READ_SEARCH,
    optional: WRITE,
    why: 'recovery goals',
    withoutOptional: 'Goals the person names in a note stay inside the clinical note.',
  },
  { resourceType: 'CareTeam', required: READ_SEARCH, optional: [], why: 'care team and caseload' },
  // The one write every EHR PeerBridge targets accepts: without it only a structured record is left.
  {
    resourceType: 'DocumentReference',
    required: [...READ_SEARCH, 'create'],
    optional: ['update'],
    why: 'the clinical note every save writes',
    withoutOptional:
      'Drafts are not saved to the record as preliminary notes, and a note cannot be marked entered in error.',
  },
  {
    resourceType: 'Encounter',
    required: READ_SEARCH,
    optional: WRITE,
    why: 'peer encounters',
    withoutOptional: IN_THE_NOTE,
  },
  {
    resourceType: 'Observation',
    required: READ_SEARCH,
    optional: WRITE,
    why: 'activities, responses, notes and measures',
    withoutOptional: IN_THE_NOTE,
  },
  // A new revision of a note gets a new Provenance; the app never updates one (its scopes ask no `u`).
  {
    resourceType: 'Provenance',
    required: [],
    optional: [...READ_SEARCH, 'create'],
    why: 'authorship',
    withoutOptional: 'Authorship is then recorded by the note’s author only.',
  },
  {
    resourceType: 'Task',
    required: [],
    optional: [...READ_SEARCH, ...WRITE],
    why: 'follow-ups',
    withoutOptional: 'Follow-ups go as messages where Communication is offered, else inside the note.',
    mayBeAbsent: true,
  },
  {
    resourceType: 'PractitionerRole',
    required: [],
    optional: READ_SEARCH,
    why: 'the signed-in user’s role',
    withoutOptional:
      'Peers are recognised from Practitioner.qualification or the issuer’s peerRoleCodes / peerUsers instead.',
    mayBeAbsent: true,
  },
  { resourceType: 'Practitioner', required: READ_SEARCH, optional: [], why: 'who is signed in' },
];

/** Resource types the app writes, from the scopes it requests (any `c` permission). */
export function writtenResourceTypes(): string[] {
  return [
    ...new Set(
      RESOURCE_ACCESS.filter((access) => access.permissions.includes('c')).map((a) => a.resourceType),
    ),
  ];
}
