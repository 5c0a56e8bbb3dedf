import type { Patient } from 'fhir/r4';
import { formatDate, formatHumanName } from '../domain/format';
import { medicalRecordNumber } from '../domain/patient-identity';

export function PatientBanner({ patient }: { patient: Patient }) {
  const mrn = medicalRecordNumber(patient);
  return (
    <section class="patient-banner" aria-label="Patient">
      <h2 class="patient-banner__name">{formatHumanName(patient.name) || 'Unnamed patient'}</h2>
      <dl class="patient-banner__facts">
        {patient.birthDate ? (
          <div>
            <dt>Born</dt>
            <dd>{formatDate(patient.birthDate)}</dd>
          </div>
        ) : null}
        {patient.gender ? (
          <div>
            <dt>Gender</dt>
            <dd>{patient.gender}</dd>
          </div>
        ) : null}
        {mrn ? (
          <div>
            <dt>MRN</dt>
            <dd>{mrn}</dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}
