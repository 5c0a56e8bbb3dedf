/** Codes of a note as a record: the clinical note, its security labels, provenance, co-signature and return. */
import { categories, fhirCodes, noteCategories, noteTypes, securityLabels } from './fhir-profiles';
import { codingOf, type KnownCoding } from './codes-lookup';

/**
 * The clinical note (a US Core DocumentReference): category clinical-note, type LOINC Progress note
 * unless the site configures its own. `text/plain` with an explicit charset, so every EHR shows the
 * attachment as text (https://hl7.org/fhir/us/core/writing-clinical-notes.html).
 */
export const CLINICAL_NOTE = {
  category: codingOf(noteCategories, 'clinical-note'),
  progressNote: codingOf(noteTypes, '11506-3'),
  contentType: 'text/plain; charset=utf-8',
} as const;

/** Sensitivity of a note: its labels are in SECURITY_LABELS. */
export type Sensitivity = 'normal' | 'restricted' | 'part2';
const RESTRICTED = codingOf(securityLabels, 'R');
export const PART2_LABEL = codingOf(securityLabels, '42CFRPart2');
export const SECURITY_LABELS: Readonly<Record<Sensitivity, readonly KnownCoding[]>> = {
  normal: [],
  restricted: [RESTRICTED, codingOf(securityLabels, 'BH')],
  part2: [RESTRICTED, codingOf(securityLabels, 'SUD'), PART2_LABEL, codingOf(securityLabels, 'NORDSCLCD')],
};
export const RESTRICTED_LABEL = RESTRICTED;

export const PROVENANCE_CODE = {
  create: codingOf(fhirCodes, 'CREATE'),
  update: codingOf(fhirCodes, 'UPDATE'),
  nullify: codingOf(fhirCodes, 'NULLIFY'),
  author: codingOf(fhirCodes, 'author'),
} as const;

/**
 * A supervisor's co-signature (profile peer-cosign-provenance): agent type verifier, activity
 * v3-ParticipationType VRF, a code of R4's Provenance activity value set
 * (https://hl7.org/fhir/R4/valueset-provenance-activity-type.html).
 */
export const COSIGN = {
  agentType: codingOf(fhirCodes, 'verifier'),
  activity: codingOf(fhirCodes, 'VRF'),
} as const;

/** A note returned to its peer with a comment (profile peer-note-return; notification for Oracle Health). */
export const NOTE_RETURNED_CATEGORY = codingOf(categories, 'note-returned');
