import type { Bundle } from 'fhir/r4';
import {
  buildPatientContextBatch,
  readPatientContextBatch,
  type PatientContext,
} from '../domain/patient-context';
import { UnreadableResponseError } from './fhir-errors';
import type { FhirSession } from './smart-session';

function isBundle(value: unknown): value is Bundle {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { resourceType?: unknown }).resourceType === 'Bundle'
  );
}

/** Loads the patient's context in one batch request. */
export async function loadPatientContext(session: FhirSession, patientId: string): Promise<PatientContext> {
  const request = {
    patientId,
    ...(session.context.fhirUser ? { fhirUser: session.context.fhirUser } : {}),
  };
  const response = await session.request('', { method: 'POST', body: buildPatientContextBatch(request) });
  if (!isBundle(response.body)) {
    throw new UnreadableResponseError(response.status, 'not a batch-response Bundle');
  }
  return readPatientContextBatch(response.body, request);
}
