import { getSearchParameter } from '@medplum/core';
import type { Bundle, BundleEntry, FhirResource, Resource } from 'fhir/r4';
import type { Access, Authorizer } from './authorization';
import type { FhirEngine } from './engine';
import { findIncludedResources } from './includes';
import { forbidden } from './outcomes';
import { buildPagingLinks } from './paging';
import type { SearchPlan } from './search-query';
import { sortResources } from './sorting';

export interface SearchContext {
  readonly engine: FhirEngine;
  readonly baseUrl: string;
  /** Undefined for the unauthenticated internal API. */
  readonly authorizer: Authorizer | undefined;
  readonly access: Access;
}

/** Every match of the plan's filters that the access allows, sorted, before paging. */
export async function findMatches(plan: SearchPlan, context: SearchContext): Promise<Resource[]> {
  const { engine, authorizer, access } = context;
  let matches = await engine.match(plan.resourceType, plan.filters);
  if (authorizer && access.kind === 'compartment') {
    // Filtering before paging keeps totals and page sizes from revealing other patients' records.
    matches = matches.filter((resource) => authorizer.permits(access, resource));
  }
  return sortResources(matches, plan.sort);
}

/** A searchset Bundle for one page of the plan. https://hl7.org/fhir/R4/search.html */
export async function searchToBundle(plan: SearchPlan, context: SearchContext): Promise<Bundle> {
  const { baseUrl } = context;
  requireSearchWithinCompartment(plan, context.access);
  const matches = await findMatches(plan, context);
  const page = matches.slice(plan.offset, plan.offset + plan.count);
  const included = await findIncludedResources({
    matches: page,
    include: plan.include,
    revinclude: plan.revinclude,
    engine: context.engine,
    authorizer: context.authorizer,
    baseUrl,
  });
  const toEntry =
    (mode: 'match' | 'include') =>
    (resource: Resource): BundleEntry => ({
      fullUrl: `${baseUrl}/${resource.resourceType}/${resource.id ?? ''}`,
      resource: resource as FhirResource,
      search: { mode },
    });
  const entry = [...page.map(toEntry('match')), ...included.map(toEntry('include'))];
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    meta: { lastUpdated: new Date().toISOString() },
    ...(plan.total ? { total: matches.length } : {}),
    link: buildPagingLinks({
      baseUrl,
      resourceType: plan.resourceType,
      params: plan.accepted,
      count: plan.count,
      offset: plan.offset,
      total: matches.length,
    }),
    ...(entry.length > 0 ? { entry } : {}),
  };
}

/**
 * A search under patient/ scopes that names only other patients (`patient=Patient/other`) is
 * refused outright rather than answered with an empty page, as EHRs such as Epic do.
 */
function requireSearchWithinCompartment(plan: SearchPlan, access: Access): void {
  if (access.kind !== 'compartment') {
    return;
  }
  const ownReference = `Patient/${access.patientId}`;
  for (const [key, value] of plan.filters) {
    let patients: string[] = [];
    if (plan.resourceType === 'Patient' && key === '_id') {
      patients = value.split(',').map((id) => `Patient/${id}`);
    } else if (getSearchParameter(plan.resourceType, key)?.type === 'reference') {
      patients = value.split(',').filter((reference) => reference.startsWith('Patient/'));
    }
    if (patients.length > 0 && !patients.includes(ownReference)) {
      throw forbidden(
        `This token's patient/ scopes are limited to the launch patient ${ownReference}; ` +
          `the search asks for ${patients.join(', ')}.`,
      );
    }
  }
}
