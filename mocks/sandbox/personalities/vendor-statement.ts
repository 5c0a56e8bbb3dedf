import { readFileSync } from 'node:fs';
import { getSearchParameter } from '@medplum/core';
import type {
  CapabilityStatement,
  CapabilityStatementRest,
  CapabilityStatementRestResource,
  CapabilityStatementRestResourceSearchParam,
} from 'fhir/r4';
import type { Interaction } from '../fhir/interactions';
import { badRequest, notFound, notSupported } from '../fhir/outcomes';
import { isMatchableSearchParameter } from '../fhir/search-query';

export type VendorFile =
  'epic.capability.json' | 'oracle.capability.json' | 'oracle.smart-configuration.json';

/** A published vendor document from mocks/fixtures/vendor-capabilities, `{{BASE}}` filled in, notes removed. */
export function readVendorDocument(file: VendorFile, baseUrl: string): Record<string, unknown> {
  const url = new URL(`../../fixtures/vendor-capabilities/${file}`, import.meta.url);
  const text = readFileSync(url, 'utf8').replaceAll('{{BASE}}', baseUrl);
  const document = JSON.parse(text) as Record<string, unknown>;
  // `_source` is our note on where the file came from; null means "not published".
  return Object.fromEntries(
    Object.entries(document).filter(([key, value]) => key !== '_source' && value !== null),
  );
}

/** Parameters the sandbox honours on every type although they have no SearchParameter of their own. */
const ENGINE_CONTROLS = new Set(['_count', '_id', '_lastUpdated']);

/**
 * The vendor's statement as the sandbox serves it: the vendor's resources, interactions and includes,
 * only the search parameters the engine can really match (so the statement lists exactly what the
 * personality answers), and the sandbox's own SMART endpoints in `rest.security`.
 */
export function vendorCapabilityStatement(
  file: VendorFile,
  own: CapabilityStatement,
  baseUrl: string,
  adjust: (resource: CapabilityStatementRestResource) => CapabilityStatementRestResource = (r) => r,
): CapabilityStatement {
  const vendor = readVendorDocument(file, baseUrl) as unknown as CapabilityStatement;
  const ownSecurity = own.rest?.[0]?.security;
  const rest = (vendor.rest ?? []).map((entry): CapabilityStatementRest => ({
    ...entry,
    ...(entry.security || ownSecurity
      ? {
          security: {
            ...entry.security,
            ...(ownSecurity?.extension ? { extension: ownSecurity.extension } : {}),
          },
        }
      : {}),
    resource: (entry.resource ?? []).map((resource) => adjust({ ...resource, ...searchParamsOf(resource) })),
  }));
  return { ...vendor, rest };
}

function searchParamsOf(resource: CapabilityStatementRestResource): {
  searchParam?: CapabilityStatementRestResourceSearchParam[];
} {
  const supported = (resource.searchParam ?? []).filter((param) => {
    if (ENGINE_CONTROLS.has(param.name)) {
      return true;
    }
    const definition = getSearchParameter(resource.type, param.name);
    return definition !== undefined && isMatchableSearchParameter(definition);
  });
  return supported.length > 0 ? { searchParam: supported } : {};
}

/** The interaction codes of CapabilityStatement.rest.resource.interaction, per sandbox interaction. */
const INTERACTION_CODES: Record<string, string> = {
  read: 'read',
  vread: 'vread',
  history: 'history-instance',
  search: 'search-type',
  create: 'create',
  update: 'update',
  delete: 'delete',
};

/** Paging is the sandbox's own: its next links carry `_offset`, as Oracle's carry `pageContext`. */
const ALWAYS_ACCEPTED = new Set(['_offset']);

/**
 * Refuses what the statement does not list, the way FHIR http.html describes: an unknown type 404, an
 * interaction the type does not offer 405, a Bundle POST to the base without batch/transaction 405, a
 * search parameter or include the type does not list 400.
 */
export function requireListed(
  statement: CapabilityStatement,
  interaction: Interaction,
  vendor: string,
): void {
  const rest = statement.rest?.[0];
  if (interaction.kind === 'capabilities') {
    return;
  }
  if (interaction.kind === 'bundle') {
    const offered = (rest?.interaction ?? []).some((i) => i.code === 'batch' || i.code === 'transaction');
    if (!offered) {
      throw notSupported(405, `${vendor} offers no batch or transaction: send one request per resource.`);
    }
    return;
  }
  const resource = requireOffered(
    statement,
    interaction.resourceType,
    INTERACTION_CODES[interaction.kind] ?? interaction.kind,
    vendor,
  );
  if (interaction.kind === 'search') {
    requireListedSearch(resource, interaction.params, vendor);
  }
}

/** The type's entry in the statement: 404 when the type is not there, 405 when it lacks the interaction. */
export function requireOffered(
  statement: CapabilityStatement,
  type: string,
  code: string,
  vendor: string,
): CapabilityStatementRestResource {
  const resource = statement.rest?.[0]?.resource?.find((r) => r.type === type);
  if (!resource) {
    throw notFound(`${vendor} offers no ${type} resource.`);
  }
  if (!(resource.interaction ?? []).some((i) => i.code === code)) {
    throw notSupported(405, `${vendor} does not offer ${code} on ${type}.`);
  }
  return resource;
}

function requireListedSearch(
  resource: CapabilityStatementRestResource,
  params: URLSearchParams,
  vendor: string,
): void {
  const names = new Set((resource.searchParam ?? []).map((param) => param.name));
  for (const [key, value] of params) {
    if (key === '_include' || key === '_revinclude') {
      const listed = key === '_include' ? resource.searchInclude : resource.searchRevInclude;
      if (!(listed ?? []).includes(value)) {
        throw badRequest(
          `${vendor} does not support ${key}=${value} on ${resource.type}` +
            `${listed?.length ? ` (it lists ${listed.join(', ')})` : ''}.`,
        );
      }
      continue;
    }
    const name = key.split(':', 1)[0] ?? key;
    if (!names.has(name) && !ALWAYS_ACCEPTED.has(name)) {
      throw badRequest(
        `${vendor} does not support the search parameter '${key}' on ${resource.type}; ` +
          `it lists ${[...names].join(', ') || 'none'}.`,
      );
    }
  }
}
