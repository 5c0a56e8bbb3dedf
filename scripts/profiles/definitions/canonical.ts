import manifest from '../../../fhir-profiles/package.json' with { type: 'json' };

/** The package's canonical base; every URL we mint hangs off it, so it is read, never retyped. */
export const BASE: string = manifest.canonical;
export const PACKAGE_VERSION: string = manifest.version;

export const codeSystemUrl = (id: string): string => `${BASE}/CodeSystem/${id}`;
export const valueSetUrl = (id: string): string => `${BASE}/ValueSet/${id}`;
export const profileUrl = (id: string): string => `${BASE}/StructureDefinition/${id}`;

export const HL7 = {
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  participationType: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
  dataOperation: 'http://terminology.hl7.org/CodeSystem/v3-DataOperation',
  provenanceParticipantType: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type',
  hcpcs: 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
  ucum: 'http://unitsofmeasure.org',
  core: (type: string): string => `http://hl7.org/fhir/StructureDefinition/${type}`,
} as const;
