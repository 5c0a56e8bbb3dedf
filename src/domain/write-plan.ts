/**
 * What one save writes to this server, decided from what the server says it accepts (its
 * CapabilityStatement), what the granted scopes allow, what the site configured, and what this server
 * refused earlier in this browser session. Epic and Oracle Health accept a clinical note
 * (DocumentReference) and little else from an app (shared/EHR-VENDORS.md), so the readable note is
 * planned wherever DocumentReference create is allowed and lands first; each structured part is
 * written only where its resource accepts it, and what is not written stays inside the note.
 */
import type { Coding } from 'fhir/r4';
import { CLINICAL_NOTE } from './codes';
import type { IssuerOptions } from './runtime-config-issuer';
import { scopeAllows } from './scope-permissions';
import {
  supportsConditionalCreate,
  supportsInteraction,
  type ServerCapabilities,
} from './server-capabilities';

/** Per-issuer site options (the runtime config's `clinicalNote` and `structuredRecord`). */
export interface WritePlanSite {
  /** False turns the clinical note off (a site whose EHR shows the structured record). */
  readonly clinicalNote: boolean;
  /** The site's own DocumentReference.type; LOINC 11506-3 Progress note otherwise. */
  readonly noteType?: Coding;
  /** False writes no structured resources even where the server takes them. */
  readonly structuredRecord: boolean;
}

/** The site options when the runtime config says nothing: the note and the structured record. */
export const DEFAULT_WRITE_PLAN_SITE: WritePlanSite = { clinicalNote: true, structuredRecord: true };

/** The site's options for the launching issuer (peerbridge.config.json); unset ones keep the defaults. */
export function writePlanSiteFor(options: IssuerOptions): WritePlanSite {
  const type = options.clinicalNote?.type;
  return {
    clinicalNote: options.clinicalNote?.enabled ?? DEFAULT_WRITE_PLAN_SITE.clinicalNote,
    structuredRecord: options.structuredRecord ?? DEFAULT_WRITE_PLAN_SITE.structuredRecord,
    ...(type ? { noteType: { system: type.system, code: type.code, display: type.display } } : {}),
  };
}

/** The parts of the structured record, in dependency order (what each needs is written before it). */
export type StructuredPart =
  'goals' | 'encounter' | 'questionnaire-responses' | 'observations' | 'task' | 'provenance';
export const STRUCTURED_PARTS: readonly StructuredPart[] = [
  'goals',
  'encounter',
  'questionnaire-responses',
  'observations',
  'task',
  'provenance',
];

/** What a server can refuse, remembered for the rest of the browser session. */
export type WritePart = StructuredPart | 'communication' | 'draft-note' | 'goal-status';

export type FollowUpRoute = 'task' | 'communication' | 'note-only';
export type WriteMethod = 'transaction' | 'batch' | 'requests';

const RESOURCE_OF: Readonly<Record<StructuredPart | 'communication' | 'note', string>> = {
  goals: 'Goal',
  encounter: 'Encounter',
  'questionnaire-responses': 'QuestionnaireResponse',
  observations: 'Observation',
  task: 'Task',
  provenance: 'Provenance',
  communication: 'Communication',
  note: 'DocumentReference',
};

export interface WritePlanInput {
  readonly capabilities: ServerCapabilities;
  /** The token response's `scope`. */
  readonly grantedScope: string;
  readonly site: WritePlanSite;
  /** Parts this server refused earlier in this browser session. */
  readonly refused?: Iterable<WritePart>;
}

export interface WritePlan {
  /** A clinical note (DocumentReference) is written, before anything else. */
  readonly note: boolean;
  /**
   * A draft save writes a preliminary note: only where the server lets PeerBridge update the note
   * later (so the signed note can supersede it) and has not refused a preliminary one. Otherwise a
   * draft stays in this browser until it is signed.
   */
  readonly noteForDrafts: boolean;
  readonly noteType: Coding;
  /** Structured parts written, in dependency order. */
  readonly structured: readonly StructuredPart[];
  /** Structured parts that stay only inside the note. */
  readonly onlyInNote: readonly StructuredPart[];
  readonly followUp: FollowUpRoute;
  readonly method: WriteMethod;
  /** Resource types whose creates carry If-None-Exist; the others are made idempotent by search or ledger. */
  readonly conditionalCreate: readonly string[];
  /** Whether an earlier note may be marked superseded or entered-in-error (DocumentReference update). */
  readonly noteUpdate: boolean;
  /**
   * A signed note's goal progress also sets each existing Goal's achievementStatus: only where the
   * server's CapabilityStatement lists Goal update, the scopes allow it and the structured record is on
   * (Epic and Oracle Health list Goal read/search only). Elsewhere the progress Observation alone says it, and the peer is told nothing.
   */
  readonly goalStatus: boolean;
}

function allowed(input: WritePlanInput, resourceType: string, interaction: 'create' | 'update'): boolean {
  const action = interaction === 'create' ? 'c' : 'u';
  return (
    supportsInteraction(input.capabilities, resourceType, interaction) &&
    scopeAllows(input.grantedScope, resourceType, action)
  );
}

function structuredParts(input: WritePlanInput, refused: ReadonlySet<WritePart>): StructuredPart[] {
  if (!input.site.structuredRecord) {
    return [];
  }
  const creatable = (part: StructuredPart): boolean =>
    !refused.has(part) && allowed(input, RESOURCE_OF[part], 'create');
  const parts: StructuredPart[] = [];
  const encounter = creatable('encounter');
  if (creatable('goals')) {
    parts.push('goals');
  }
  if (encounter) {
    parts.push('encounter');
  }
  // Instrument answers, Observations and the Task point at the peer's Encounter; without it they have
  // nothing to belong to. Epic lists QuestionnaireResponse create but takes it only for questionnaires
  // it assigned itself, and lists no Encounter create, so this rule keeps it out there too; Oracle
  // Health lists only read, search and update ("only social history is supported":
  // cerner/fhir.cerner.com content/millennium/r4/clinical/diagnostics/questionnaire-response.md).
  // Where responses are not written, a total Observation goes without derivedFrom and the answers
  // stay in the note.
  if (encounter && creatable('questionnaire-responses')) {
    parts.push('questionnaire-responses');
  }
  if (encounter && creatable('observations')) {
    parts.push('observations');
  }
  if (encounter && creatable('task')) {
    parts.push('task');
  }
  if (parts.length > 0 && creatable('provenance')) {
    parts.push('provenance');
  }
  return parts;
}

function followUpRoute(
  input: WritePlanInput,
  structured: readonly StructuredPart[],
  refused: ReadonlySet<WritePart>,
): FollowUpRoute {
  if (structured.includes('task')) {
    return 'task';
  }
  if (!refused.has('communication') && allowed(input, RESOURCE_OF.communication, 'create')) {
    return 'communication';
  }
  return 'note-only';
}

function methodOf(capabilities: ServerCapabilities): WriteMethod {
  if (capabilities.transaction) {
    return 'transaction';
  }
  return capabilities.batch ? 'batch' : 'requests';
}

/** Decides what a save writes. Pure and total: an unknown server gets the note and whatever it takes. */
export function planWrites(input: WritePlanInput): WritePlan {
  const refused = new Set(input.refused ?? []);
  const note = input.site.clinicalNote && allowed(input, RESOURCE_OF.note, 'create');
  const noteUpdate = note && allowed(input, RESOURCE_OF.note, 'update');
  const structured = structuredParts(input, refused);
  const followUp = followUpRoute(input, structured, refused);
  const types = [
    ...(note ? [RESOURCE_OF.note] : []),
    ...structured.map((part) => RESOURCE_OF[part]),
    ...(followUp === 'communication' ? [RESOURCE_OF.communication] : []),
  ];
  return {
    note,
    noteForDrafts: noteUpdate && !refused.has('draft-note'),
    noteType: input.site.noteType ?? CLINICAL_NOTE.progressNote,
    structured,
    onlyInNote: note ? STRUCTURED_PARTS.filter((part) => !structured.includes(part)) : [],
    followUp,
    method: methodOf(input.capabilities),
    conditionalCreate: types.filter((type) => supportsConditionalCreate(input.capabilities, type)),
    noteUpdate,
    // Only where the server's statement lists Goal update: these Goals are the care team's, not
    // PeerBridge's own, so an update is never sent on assumption.
    goalStatus:
      input.capabilities.known &&
      input.site.structuredRecord &&
      !refused.has('goal-status') &&
      allowed(input, RESOURCE_OF.goals, 'update'),
  };
}

/** Whether a save of this plan writes anything at all: if not, the peer must be told before they write. */
export function writesAnything(plan: WritePlan): boolean {
  return plan.note || plan.structured.length > 0;
}
