/**
 * What PeerBridge will write to and read from this server, computed by the app's own write plan
 * (`planWrites`) from the server's CapabilityStatement and the scopes PeerBridge requests, so IT sees
 * before go-live what lands as structured FHIR, what stays only inside the clinical note, and where a
 * vendor lists a write its documentation says it refuses at runtime.
 */
import { requestedScope, type ScopeStyle } from '../../launch/scopes';
import { planPatientContext } from '../../src/domain/patient-context-queries';
import {
  isCapabilityStatement,
  offersResource,
  readServerCapabilities,
  supportsInteraction,
  supportsRevInclude,
  type ServerCapabilities,
} from '../../src/domain/server-capabilities';
import {
  DEFAULT_WRITE_PLAN_SITE,
  planWrites,
  type StructuredPart,
  type WritePlan,
} from '../../src/domain/write-plan';
import { describeWritePlan } from '../../src/domain/write-plan-words';
import { searchNeedsByType } from './app-searches';
import { isRecord, optionalString } from '../cli/json-values';

/** Vendors whose documented runtime refusals the preflight knows (shared/EHR-VENDORS.md). */
export type KnownVendor = 'epic' | 'oracle';

export interface RuntimeRefusal {
  readonly resourceType: string;
  readonly interaction: 'create' | 'update';
  /** What the vendor accepts, in its documentation's terms. */
  readonly accepts: string;
  /** Whether this server's plan writes it (then the first refusal changes the plan for the session). */
  readonly planned: boolean;
  /** What PeerBridge does after the first refusal (or that it does not plan the write here). */
  readonly then: string;
}

export interface ReadPlan {
  /** The first screen's patient context: one batch, or one GET per part in parallel. */
  readonly patientContext: 'batch' | 'parallel-gets';
  /** Requests the first screen's patient context takes. */
  readonly patientContextRequests: number;
  /** `Type?_revinclude=Source:param` searches PeerBridge makes that this server lists in `searchRevInclude`. */
  readonly revIncludeListed: readonly string[];
  /** Those it does not list: PeerBridge fetches these parts with a separate search instead. */
  readonly revIncludeNotListed: readonly string[];
  /** Whether the server offers PractitionerRole, where PeerBridge reads the signed-in user's role. */
  readonly practitionerRole: boolean;
  /** First-screen sections the server gives no way to search: shown as "not loaded". */
  readonly notSearchable: readonly string[];
}

export interface ServerPlan {
  /** The scope syntax PeerBridge requests here (v2 where discovery lists `permission-v2`). */
  readonly scopeStyle: ScopeStyle;
  /** The scope the plan assumes granted: everything PeerBridge requests on an EHR launch. */
  readonly scope: string;
  readonly vendor?: KnownVendor;
  readonly write: WritePlan;
  /** The line the peer sees before the first save. */
  readonly peerSees: string;
  readonly runtimeRefusals: readonly RuntimeRefusal[];
  readonly reads: ReadPlan;
}

interface VendorRule {
  readonly resourceType: string;
  readonly interaction: 'create' | 'update';
  readonly accepts: string;
  readonly planned: (plan: WritePlan) => boolean;
  readonly then: string;
}

const ONLY_IN_NOTE = 'after the first refusal they stay only in the note for the rest of the session';

/**
 * Writes a vendor's CapabilityStatement lists but its documentation says it refuses for PeerBridge's
 * content (shared/EHR-VENDORS.md; mocks/sandbox/README.md cites each source).
 */
const VENDOR_RULES: Readonly<Record<KnownVendor, readonly VendorRule[]>> = {
  epic: [
    {
      resourceType: 'Observation',
      interaction: 'create',
      accepts: 'vital signs only (flowsheet rows); activities, response and measures are refused',
      planned: (plan) => plan.structured.includes('observations'),
      then: ONLY_IN_NOTE,
    },
    {
      resourceType: 'Communication',
      interaction: 'create',
      accepts: 'community-resource referral messages only; a follow-up message is refused (assumed 422)',
      planned: (plan) => plan.followUp === 'communication',
      then: 'after the first refusal follow-ups stay in the note and the peer is told to send them from the EHR’s inbox',
    },
    {
      resourceType: 'DocumentReference',
      interaction: 'update',
      accepts:
        'only while the note is preliminary (assumed): a signed note is amended by a new note, not marked entered-in-error',
      planned: (plan) => plan.noteUpdate,
      then: 'drafts still work; an earlier signed note cannot be marked superseded or entered-in-error from PeerBridge',
    },
  ],
  oracle: [
    {
      resourceType: 'Encounter',
      interaction: 'create',
      accepts:
        'a location or serviceProvider, Practitioner participants, a period with times; class is not writable and other elements are refused (422)',
      planned: (plan) => plan.structured.includes('encounter'),
      then: 'after the first refusal the encounter and what hangs on it (observations, authorship) stay only in the note for the session',
    },
    {
      resourceType: 'Observation',
      interaction: 'create',
      accepts: 'categories vital-signs or laboratory only; activities, response and measures are refused',
      planned: (plan) => plan.structured.includes('observations'),
      then: ONLY_IN_NOTE,
    },
    {
      resourceType: 'Provenance',
      interaction: 'create',
      accepts: 'one target per Provenance',
      planned: (plan) => plan.structured.includes('provenance'),
      then: 'a Provenance naming several resources is refused, and after the first refusal authorship stays only in the note',
    },
    {
      resourceType: 'DocumentReference',
      interaction: 'create',
      accepts: 'docStatus final only (a preliminary draft note is refused)',
      planned: (plan) => plan.noteForDrafts,
      then: 'after the first refusal drafts stay in the browser until signed',
    },
  ],
};

/**
 * Which vendor published the statement, from `publisher`, `software.name` and `name` (Oracle's reads
 * "Cerner"). Assumed: no vendor documents these fields as a stable identification.
 */
export function knownVendorOf(statement: Record<string, unknown>): KnownVendor | undefined {
  const software = isRecord(statement.software) ? optionalString(statement.software.name) : undefined;
  const names = [optionalString(statement.publisher), software, optionalString(statement.name)].join(' ');
  if (/\bepic\b/i.test(names)) {
    return 'epic';
  }
  return /\b(cerner|oracle)/i.test(names) ? 'oracle' : undefined;
}

function readPlanOf(capabilities: ServerCapabilities): ReadPlan {
  const revIncludes = searchNeedsByType().flatMap((need) =>
    [...need.revIncludes.keys()].map((value) => ({
      listed: supportsRevInclude(capabilities, need.resourceType, value),
      name: `${need.resourceType}?_revinclude=${value}`,
    })),
  );
  const names = (listed: boolean): string[] =>
    revIncludes.filter((entry) => entry.listed === listed).map((entry) => entry.name);
  // The app's own plan for the first screen, for a signed-in Practitioner (as fhirUser usually is).
  const context = planPatientContext(
    { patientId: 'preflight', fhirUser: { resourceType: 'Practitioner', id: 'preflight' } },
    capabilities,
  );
  const practitionerRole = offersResource(capabilities, 'PractitionerRole');
  return {
    patientContext: capabilities.batch ? 'batch' : 'parallel-gets',
    patientContextRequests: capabilities.batch ? 1 : context.queries.length,
    revIncludeListed: names(true),
    revIncludeNotListed: names(false),
    practitionerRole,
    notSearchable: [...context.skipped]
      .filter(([, reason]) => reason === 'not-searchable')
      .map(([section]) => section),
  };
}

/** The plan for a server, from its CapabilityStatement JSON; undefined when it is not one. */
export function serverPlanOf(
  statement: unknown,
  smartCapabilities: readonly string[],
): ServerPlan | undefined {
  if (!isCapabilityStatement(statement) || !isRecord(statement)) {
    return undefined;
  }
  const capabilities = readServerCapabilities(statement);
  const scopeStyle: ScopeStyle = smartCapabilities.includes('permission-v2') ? 'v2' : 'v1';
  const scope = requestedScope(scopeStyle, 'ehr');
  const write = planWrites({ capabilities, grantedScope: scope, site: DEFAULT_WRITE_PLAN_SITE });
  const vendor = knownVendorOf(statement);
  const runtimeRefusals = (vendor === undefined ? [] : VENDOR_RULES[vendor])
    .filter((rule) => supportsInteraction(capabilities, rule.resourceType, rule.interaction))
    .map((rule) => ({
      resourceType: rule.resourceType,
      interaction: rule.interaction,
      accepts: rule.accepts,
      planned: rule.planned(write),
      then: rule.planned(write) ? rule.then : 'PeerBridge does not plan this write here',
    }));
  return {
    scopeStyle,
    scope,
    ...(vendor === undefined ? {} : { vendor }),
    write,
    peerSees: describeWritePlan(write),
    runtimeRefusals,
    reads: readPlanOf(capabilities),
  };
}

const PART_RESOURCES: Readonly<Record<StructuredPart, string>> = {
  goals: 'Goal (goals the person names)',
  encounter: 'Encounter (the peer contact)',
  'questionnaire-responses': 'QuestionnaireResponse (instrument answers item by item)',
  observations: 'Observation (activities, goal progress, response, measures)',
  task: 'Task (follow-up request)',
  provenance: 'Provenance (who wrote it)',
};

function listOr(values: readonly string[], none: string): string {
  return values.length === 0 ? none : values.join(', ');
}

function methodLine(plan: WritePlan): string {
  const how = {
    transaction: 'one transaction (all or nothing)',
    batch: 'one batch',
    requests: 'one request per resource, the clinical note first, then in dependency order',
  }[plan.method];
  const conditional =
    plan.conditionalCreate.length === 0
      ? 'no conditional create: a retried save first searches by the note’s identifier (and the browser’s own ledger) and never re-posts what landed'
      : `conditional create (If-None-Exist) on ${plan.conditionalCreate.join(', ')}`;
  return `${how}; ${conditional}`;
}

function noteLine(plan: WritePlan): string {
  if (!plan.note) {
    return 'not written (DocumentReference create is not allowed here)';
  }
  const type = `${plan.noteType.display ?? plan.noteType.code ?? ''} (${plan.noteType.system ?? ''} ${plan.noteType.code ?? ''})`;
  const drafts = plan.noteForDrafts
    ? 'drafts saved as preliminary notes'
    : 'drafts stay in the browser until signed';
  return `a DocumentReference, type ${type}, text/plain of the whole note; ${drafts}`;
}

function followUpLine(plan: WritePlan): string {
  switch (plan.followUp) {
    case 'task':
      return 'a Task';
    case 'communication':
      return 'a Communication to the chosen practitioner';
    case 'note-only':
      return 'only in the note (the peer is told to send it from the EHR’s inbox)';
  }
}

/** The plan as labelled lines for the terminal report. */
export function serverPlanLines(plan: ServerPlan): [label: string, text: string][] {
  const { write, reads } = plan;
  const lines: [string, string][] = [
    ['Scopes assumed granted', `everything PeerBridge requests (SMART ${plan.scopeStyle})`],
    ['Clinical note', noteLine(write)],
    [
      'Structured parts',
      listOr(
        write.structured.map((part) => PART_RESOURCES[part]),
        'none',
      ),
    ],
    [
      'Only in the note',
      listOr(
        write.onlyInNote.map((part) => PART_RESOURCES[part]),
        'nothing',
      ),
    ],
    ['Follow-up', followUpLine(write)],
    ['How', methodLine(write)],
    ['The peer sees', plan.peerSees],
  ];
  for (const refusal of plan.runtimeRefusals) {
    lines.push([
      'Listed, refused at runtime',
      `${refusal.resourceType} ${refusal.interaction}: the vendor accepts ${refusal.accepts}; ${refusal.then}.`,
    ]);
  }
  lines.push(
    [
      'First screen reads',
      reads.patientContext === 'batch'
        ? 'one batch request'
        : `${reads.patientContextRequests} GETs in parallel (no batch listed; the first launch in a browser session also tries one batch while the statement loads)`,
    ],
    ['_revinclude listed', listOr(reads.revIncludeListed, 'none')],
    [
      '_revinclude not listed',
      reads.revIncludeNotListed.length === 0
        ? 'none'
        : `${reads.revIncludeNotListed.join(', ')}: those parts are read with a separate search`,
    ],
    [
      'Not searchable here',
      reads.notSearchable.length === 0
        ? 'nothing: every first-screen section can be read'
        : `${reads.notSearchable.join(', ')}: shown as "not loaded", never as "none recorded"`,
    ],
    [
      'PractitionerRole',
      reads.practitionerRole
        ? 'offered: the signed-in user’s role is read from it'
        : 'not offered: peers are recognised from Practitioner.qualification or the runtime config (peerRoleCodes, peerUsers)',
    ],
  );
  return lines;
}
