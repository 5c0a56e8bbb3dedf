import type { Patient } from 'fhir/r4';
import { MEDICAL_RECORD_NUMBER } from './codes';

/** The medical record number, or the first identifier when none is typed as one; '' when absent. */
export function medicalRecordNumber(patient: Patient): string {
  const typed = patient.identifier?.find((identifier) =>
    identifier.type?.coding?.some(
      (coding) =>
        coding.code === MEDICAL_RECORD_NUMBER.code &&
        (coding.system ?? MEDICAL_RECORD_NUMBER.system) === MEDICAL_RECORD_NUMBER.system,
    ),
  );
  return (typed ?? patient.identifier?.[0])?.value ?? '';
}
