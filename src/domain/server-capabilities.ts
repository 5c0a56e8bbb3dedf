import type { CapabilityStatement, CapabilityStatementRestResource } from 'fhir/r4';
import { arrayOf, isRecord, stringOf } from './guards';

/**
 * What PeerBridge needs to know about one resource type on a FHIR server, read from its
 * CapabilityStatement (http://hl7.org/fhir/R4/capabilitystatement.html). Plain arrays, not Sets, so a
 * summary can be cached as JSON instead of re-reading a statement that is often 600 kB.
 */
export interface ResourceCapabilities {
  /** `rest.resource.interaction.code`: read, vread, update, patch, delete, create, search-type, ... */
  readonly interactions: readonly string[];
  readonly conditionalCreate: boolean;
  readonly searchParams: readonly string[];
  readonly searchInclude: readonly string[];
  readonly searchRevInclude: readonly string[];
  readonly supportedProfiles: readonly string[];
}

export interface ServerCapabilities {
  /**
   * False when no CapabilityStatement could be read: then every interaction and search parameter is
   * assumed (the request goes ahead and its refusal is handled), but `_include`/`_revinclude` are not,
   * because servers that ignore them do so silently.
   */
  readonly known: boolean;
  readonly transaction: boolean;
  readonly batch: boolean;
  /** Keyed by resource type. */
  readonly resources: Readonly<Record<string, ResourceCapabilities>>;
}

/** Assumed until a CapabilityStatement says otherwise. */
export const ASSUMED_CAPABILITIES: ServerCapabilities = {
  known: false,
  transaction: true,
  batch: true,
  resources: {},
};

export function isCapabilityStatement(value: unknown): value is CapabilityStatement {
  return isRecord(value) && value.resourceType === 'CapabilityStatement';
}

function codesOf(items: readonly unknown[], key: string): string[] {
  return items.flatMap((item) => {
    const value = isRecord(item) ? stringOf(item[key]) : undefined;
    return value ? [value] : [];
  });
}

function stringsOf(values: readonly unknown[]): string[] {
  return values.flatMap((value) => (typeof value === 'string' ? [value] : []));
}

function readResource(resource: CapabilityStatementRestResource): ResourceCapabilities {
  return {
    interactions: codesOf(arrayOf(resource.interaction), 'code'),
    conditionalCreate: resource.conditionalCreate === true,
    searchParams: codesOf(arrayOf(resource.searchParam), 'name'),
    searchInclude: stringsOf(arrayOf(resource.searchInclude)),
    searchRevInclude: stringsOf(arrayOf(resource.searchRevInclude)),
    supportedProfiles: stringsOf(arrayOf(resource.supportedProfile)),
  };
}

/** Summarises the server's own (`mode` server) REST capabilities. Total over untrusted input. */
export function readServerCapabilities(statement: CapabilityStatement): ServerCapabilities {
  const rests = arrayOf(statement.rest).filter((rest) => isRecord(rest) && rest.mode === 'server');
  const interactions = new Set(rests.flatMap((rest) => codesOf(arrayOf(rest.interaction), 'code')));
  const resources: Record<string, ResourceCapabilities> = {};
  for (const resource of rests.flatMap((rest) => arrayOf(rest.resource))) {
    const type = isRecord(resource) ? stringOf(resource.type) : undefined;
    if (type) {
      resources[type] = readResource(resource);
    }
  }
  return {
    known: true,
    transaction: interactions.has('transaction'),
    batch: interactions.has('batch'),
    resources,
  };
}

/** Whether the server offers this resource type at all (Oracle Health has no PractitionerRole). */
export function offersResource(capabilities: ServerCapabilities, resourceType: string): boolean {
  return !capabilities.known || resourceType in capabilities.resources;
}

/** Whether the server lists this type-level or instance-level interaction for the resource type. */
export function supportsInteraction(
  capabilities: ServerCapabilities,
  resourceType: string,
  interaction: string,
): boolean {
  if (!capabilities.known) {
    return true;
  }
  return capabilities.resources[resourceType]?.interactions.includes(interaction) ?? false;
}

export function supportsConditionalCreate(capabilities: ServerCapabilities, resourceType: string): boolean {
  return capabilities.known && capabilities.resources[resourceType]?.conditionalCreate === true;
}

/**
 * Whether a search parameter may be sent: vendor servers answer an unlisted one with 400, lenient
 * servers silently match nothing, so only listed ones are relied on once the statement is known.
 */
export function supportsSearchParam(
  capabilities: ServerCapabilities,
  resourceType: string,
  parameter: string,
): boolean {
  if (!capabilities.known) {
    return true;
  }
  return capabilities.resources[resourceType]?.searchParams.includes(parameter) ?? false;
}

/**
 * Whether `_sort` on these keys may be sent; it needs the parameters it sorts on. A statement that
 * lists the result parameters (`_count`), as Epic's and Oracle Health's do, lists every one it takes,
 * so there an unlisted `_sort` is a 400; a statement that lists none of them (most open servers)
 * takes the standard ones. https://hl7.org/fhir/R4/search.html#_sort
 */
export function supportsSort(
  capabilities: ServerCapabilities,
  resourceType: string,
  keys: readonly string[],
): boolean {
  const listed = capabilities.resources[resourceType]?.searchParams ?? [];
  const literal = capabilities.known && listed.includes('_count');
  return (
    (!literal || listed.includes('_sort')) &&
    keys.every((key) => supportsSearchParam(capabilities, resourceType, key.replace(/^-/, '')))
  );
}

function listsInclude(values: readonly string[] | undefined, include: string): boolean {
  return (values ?? []).some((value) => value === include || value === '*');
}

/** `_include` only where listed (`searchInclude`), never assumed: servers that ignore it say nothing. */
export function supportsInclude(
  capabilities: ServerCapabilities,
  resourceType: string,
  include: string,
): boolean {
  return capabilities.known && listsInclude(capabilities.resources[resourceType]?.searchInclude, include);
}

/** `_revinclude` only where listed (`searchRevInclude`) on the searched resource type. */
export function supportsRevInclude(
  capabilities: ServerCapabilities,
  resourceType: string,
  revInclude: string,
): boolean {
  return (
    capabilities.known && listsInclude(capabilities.resources[resourceType]?.searchRevInclude, revInclude)
  );
}
