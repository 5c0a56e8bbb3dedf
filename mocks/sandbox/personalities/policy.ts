import type { CapabilityStatement } from 'fhir/r4';
import type { AccessGrant } from '../access-grant';
import type { Authorizer } from '../fhir/authorization';
import type { Interaction } from '../fhir/interactions';
import type { FhirOperations, FhirResult } from '../fhir/operations';
import type { OperationOutcomeError } from '../fhir/outcomes';
import type { ScopeRules } from '../smart-scopes';

export type { ScopeRules } from '../smart-scopes';

/** The EHRs the sandbox can pretend to be: `npm start -- --ehr open|epic|oracle`. */
export const PERSONALITY_NAMES = ['open', 'epic', 'oracle'] as const;
export type PersonalityName = (typeof PERSONALITY_NAMES)[number];

export function isPersonalityName(value: string): value is PersonalityName {
  return (PERSONALITY_NAMES as readonly string[]).includes(value);
}

/** What a policy may consult about the request it judges. */
export interface PolicyContext {
  /** The statement this server serves at `/metadata` (the personality's own). */
  readonly statement: CapabilityStatement;
  readonly grant: AccessGrant;
  readonly authorizer: Authorizer;
  readonly operations: FhirOperations;
}

/** A request the sandbox's own interactions do not cover (JSON Patch), offered to the personality first. */
export interface RawRequest {
  readonly method: string;
  /** Below the FHIR base, without leading slash, e.g. `Encounter/123`. */
  readonly path: string;
  readonly body: unknown;
  readonly ifMatch: string | undefined;
}

/** How successful creates and updates are answered. */
export interface WriteAnswer {
  /** 'empty': no body, whatever `Prefer: return=` asks for. */
  readonly body: 'as-preferred' | 'empty';
  /** 'versioned': `Location` ends in `/_history/{vid}` (FHIR http.html); 'unversioned': `[base]/Type/id`. */
  readonly location: 'versioned' | 'unversioned';
}

/**
 * A vendor personality: a policy in front of the same engine that accepts and refuses what that vendor
 * documents, answers refusals the vendor's way, and describes itself (CapabilityStatement, SMART
 * discovery) as the vendor does. The seed is written through the engine, never through a policy.
 */
export interface Personality {
  readonly name: PersonalityName;
  /** One line for the command line: which EHR this pretends to be. */
  readonly description: string;
  readonly scopes: ScopeRules;
  readonly writeAnswer: WriteAnswer;
  /** The statement served at `/metadata`, from the sandbox's own (which carries the SMART endpoints). */
  capabilityStatement(own: CapabilityStatement, baseUrl: string): CapabilityStatement;
  /** `.well-known/smart-configuration`, from the sandbox's own (which carries the endpoints). */
  smartConfiguration(own: Record<string, unknown>): Record<string, unknown>;
  /** Throws a OperationOutcomeError to refuse, or returns the interaction to run (possibly rewritten: fields dropped). */
  admit(interaction: Interaction, context: PolicyContext): Promise<Interaction>;
  /** Answers a request the sandbox has no interaction for; undefined lets the sandbox refuse it. */
  handle?(request: RawRequest, context: PolicyContext): Promise<FhirResult | undefined>;
  /** The vendor's status and OperationOutcome for an error. */
  refusal(error: OperationOutcomeError): OperationOutcomeError;
}
