/**
 * A tolerant read of a CapabilityStatement: only the elements the checks use, each narrowed from
 * untrusted JSON, missing ones empty. http://hl7.org/fhir/R4/capabilitystatement.html
 */
import { isRecord, optionalString, recordList, stringList } from '../cli/json-values';

export interface ResourceFacts {
  readonly type: string;
  readonly interactions: ReadonlySet<string>;
  readonly searchParams: ReadonlySet<string>;
  readonly searchInclude: readonly string[];
  readonly searchRevInclude: readonly string[];
  /** `true`, `false`, or undefined when the statement does not say. */
  readonly conditionalCreate?: boolean;
  readonly supportedProfile: readonly string[];
  readonly profile?: string;
}

export interface CapabilityFacts {
  readonly fhirVersion?: string;
  readonly instantiates: readonly string[];
  readonly implementationGuide: readonly string[];
  /** Undefined when there is no `rest` entry with mode `server`. */
  readonly server?: {
    readonly interactions: ReadonlySet<string>;
    /** Parameters declared for all resource types (`rest.searchParam`). */
    readonly searchParams: ReadonlySet<string>;
    readonly resources: ReadonlyMap<string, ResourceFacts>;
    /** The `oauth-uris` extension: name (authorize, token, register...) to URL. */
    readonly oauthUris?: ReadonlyMap<string, string>;
  };
}

const OAUTH_URIS = 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris';

function codes(list: unknown, key: string): Set<string> {
  return new Set(recordList(list).flatMap((item) => stringList([item[key]])));
}

function readResource(resource: Record<string, unknown>): ResourceFacts | undefined {
  const type = optionalString(resource.type);
  if (type === undefined) {
    return undefined;
  }
  const conditionalCreate = resource.conditionalCreate;
  const profile = optionalString(resource.profile);
  return {
    type,
    interactions: codes(resource.interaction, 'code'),
    searchParams: codes(resource.searchParam, 'name'),
    searchInclude: stringList(resource.searchInclude),
    searchRevInclude: stringList(resource.searchRevInclude),
    ...(typeof conditionalCreate === 'boolean' ? { conditionalCreate } : {}),
    supportedProfile: stringList(resource.supportedProfile),
    ...(profile === undefined ? {} : { profile }),
  };
}

function readOauthUris(security: unknown): Map<string, string> | undefined {
  const extension = isRecord(security)
    ? recordList(security.extension).find((ext) => ext.url === OAUTH_URIS)
    : undefined;
  if (!extension) {
    return undefined;
  }
  const uris = new Map<string, string>();
  for (const part of recordList(extension.extension)) {
    const name = optionalString(part.url);
    const value = optionalString(part.valueUri) ?? optionalString(part.valueUrl);
    if (name !== undefined && value !== undefined) {
      uris.set(name, value);
    }
  }
  return uris;
}

export function isCapabilityStatement(json: unknown): json is Record<string, unknown> {
  return isRecord(json) && json.resourceType === 'CapabilityStatement';
}

export function readCapabilityStatement(statement: Record<string, unknown>): CapabilityFacts {
  const rest = recordList(statement.rest).find((entry) => entry.mode === 'server');
  const fhirVersion = optionalString(statement.fhirVersion);
  const base = {
    ...(fhirVersion === undefined ? {} : { fhirVersion }),
    instantiates: stringList(statement.instantiates),
    implementationGuide: stringList(statement.implementationGuide),
  };
  if (!rest) {
    return base;
  }
  const resources = new Map<string, ResourceFacts>();
  for (const entry of recordList(rest.resource)) {
    const facts = readResource(entry);
    if (facts) {
      resources.set(facts.type, facts);
    }
  }
  const oauthUris = readOauthUris(rest.security);
  return {
    ...base,
    server: {
      interactions: codes(rest.interaction, 'code'),
      searchParams: codes(rest.searchParam, 'name'),
      resources,
      ...(oauthUris === undefined ? {} : { oauthUris }),
    },
  };
}
