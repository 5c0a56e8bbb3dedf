import type { CodeableConcept, Condition, HumanName, Patient } from 'fhir/r4';

/**
 * Total formatters for what the EHR shows: each returns '' for missing data rather than throwing, because
 * seed or app-written resources may lack any element.
 */

export function formatHumanName(names: readonly HumanName[] | undefined): string {
  const name = names?.find((candidate) => candidate.use === 'official') ?? names?.[0];
  if (!name) {
    return '';
  }
  if (name.text) {
    return name.text;
  }
  return [...(name.given ?? []), name.family ?? ''].filter((part) => part !== '').join(' ');
}

/** "Family, Given" as chart lists sort and show it. */
export function formatSortableName(names: readonly HumanName[] | undefined): string {
  const name = names?.find((candidate) => candidate.use === 'official') ?? names?.[0];
  if (!name) {
    return '';
  }
  const given = (name.given ?? []).join(' ');
  if (name.family && given) {
    return `${name.family}, ${given}`;
  }
  return name.family ?? name.text ?? given;
}

const V2_IDENTIFIER_TYPE = 'http://terminology.hl7.org/CodeSystem/v2-0203';

/** The medical record number: the identifier typed MR in HL7 v2 table 0203. */
export function getMrn(patient: Patient): string {
  const mrn = patient.identifier?.find((identifier) =>
    identifier.type?.coding?.some((coding) => coding.system === V2_IDENTIFIER_TYPE && coding.code === 'MR'),
  );
  return mrn?.value ?? '';
}

export function formatGender(gender: Patient['gender']): string {
  switch (gender) {
    case 'male':
      return 'Male';
    case 'female':
      return 'Female';
    case 'other':
      return 'Other';
    case 'unknown':
      return 'Unknown';
    case undefined:
      return '';
  }
}

export function formatCodeableConcept(concept: CodeableConcept | undefined): string {
  return (
    concept?.text ??
    concept?.coding?.find((coding) => coding.display)?.display ??
    concept?.coding?.[0]?.code ??
    ''
  );
}

const CONDITION_CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
const ACTIVE_STATES = new Set(['active', 'recurrence', 'relapse']);

/** Active in the FHIR sense: clinical status active, recurrence or relapse. */
export function isActiveCondition(condition: Condition): boolean {
  return (
    condition.clinicalStatus?.coding?.some(
      (coding) =>
        coding.system === CONDITION_CLINICAL && coding.code !== undefined && ACTIVE_STATES.has(coding.code),
    ) ?? false
  );
}

export function formatConditionOnset(condition: Condition): string {
  return condition.onsetDateTime?.slice(0, 10) ?? condition.recordedDate?.slice(0, 10) ?? '';
}
