import { getResourceTypes, getSearchParameters } from '@medplum/core';
import type {
  CapabilityStatement,
  CapabilityStatementRestResource,
  CapabilityStatementRestResourceSearchParam,
  Extension,
} from 'fhir/r4';
import { isMatchableSearchParameter } from './search-query';

export interface SmartEndpoints {
  readonly authorize: string;
  readonly token: string;
  readonly register?: string;
  readonly manage?: string;
  readonly revoke?: string;
}

/** The engine knows `_compartment`, but MemoryRepository never fills meta.compartment. */
const UNSUPPORTED_PARAMS = new Set(['_compartment']);

/**
 * The server's CapabilityStatement, listing only what the sandbox really does.
 * http://hl7.org/fhir/R4/capabilitystatement.html and
 * https://hl7.org/fhir/smart-app-launch/STU1/conformance/index.html (oauth-uris)
 */
export function buildCapabilityStatement(baseUrl: string, smart: SmartEndpoints): CapabilityStatement {
  const resourceTypes = [...getResourceTypes()].sort();
  const revIncludes = collectRevIncludes(resourceTypes);
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: new Date().toISOString(),
    publisher: 'PeerBridge sandbox',
    kind: 'instance',
    software: { name: 'PeerBridge sandbox FHIR server (@medplum/fhir-router 4.5.2)' },
    implementation: {
      description: 'Local stand-in for a clinic EHR, for development and tests',
      url: baseUrl,
    },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        security: {
          cors: true,
          service: [
            {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/restful-security-service',
                  code: 'SMART-on-FHIR',
                  display: 'SMART-on-FHIR',
                },
              ],
              text: 'OAuth2 using the SMART App Launch profile',
            },
          ],
          extension: [oauthUris(smart)],
        },
        resource: resourceTypes.map((type) => describeResource(type, revIncludes.get(type) ?? [])),
        interaction: [{ code: 'transaction' }, { code: 'batch' }],
      },
    ],
  };
}

function oauthUris(smart: SmartEndpoints): Extension {
  const uris: Extension[] = [];
  for (const name of ['authorize', 'token', 'register', 'manage', 'revoke'] as const) {
    const url = smart[name];
    if (url) {
      uris.push({ url: name, valueUri: url });
    }
  }
  return { url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris', extension: uris };
}

function describeResource(type: string, searchRevInclude: string[]): CapabilityStatementRestResource {
  const searchParam = supportedSearchParams(type);
  const searchInclude = searchParam
    .filter((param) => param.type === 'reference')
    .map((param) => `${type}:${param.name}`);
  return {
    type,
    interaction: [
      { code: 'read' },
      { code: 'vread' },
      { code: 'update' },
      { code: 'delete' },
      { code: 'history-instance' },
      { code: 'create' },
      { code: 'search-type' },
    ],
    versioning: 'versioned',
    readHistory: true,
    updateCreate: true,
    conditionalCreate: true,
    conditionalRead: 'not-supported',
    conditionalUpdate: false,
    conditionalDelete: 'not-supported',
    referencePolicy: ['literal', 'local'],
    ...(searchInclude.length > 0 ? { searchInclude } : {}),
    ...(searchRevInclude.length > 0 ? { searchRevInclude } : {}),
    searchParam,
  };
}

function supportedSearchParams(type: string): CapabilityStatementRestResourceSearchParam[] {
  return Object.entries(getSearchParameters(type) ?? {})
    .filter(([code, param]) => !UNSUPPORTED_PARAMS.has(code) && isMatchableSearchParameter(param))
    .map(([code, param]) => ({
      name: code,
      type: param.type,
      ...(param.url ? { definition: param.url } : {}),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** `Source:param` for every reference parameter that can point at each type. */
function collectRevIncludes(resourceTypes: readonly string[]): Map<string, string[]> {
  const known = new Set(resourceTypes);
  const revIncludes = new Map<string, string[]>();
  for (const source of resourceTypes) {
    for (const [code, param] of Object.entries(getSearchParameters(source) ?? {})) {
      if (param.type !== 'reference' || UNSUPPORTED_PARAMS.has(code)) {
        continue;
      }
      for (const target of param.target ?? []) {
        if (known.has(target)) {
          const list = revIncludes.get(target) ?? [];
          list.push(`${source}:${code}`);
          revIncludes.set(target, list);
        }
      }
    }
  }
  return revIncludes;
}
