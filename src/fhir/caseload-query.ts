import type { Bundle } from 'fhir/r4';
import { caseloadQuery, readCaseload, type CaseloadPerson } from '../domain/caseload';
import { UnreadableResponseError } from './fhir-errors';
import type { FhirSession } from './smart-session';

/** The other people the signed-in peer works with, for a group session; one search. */
export async function loadCaseload(
  session: FhirSession,
  user: string,
  currentPatientId: string,
): Promise<CaseloadPerson[]> {
  const response = await session.request(caseloadQuery(user));
  const body = response.body as Bundle | undefined;
  if (body?.resourceType !== 'Bundle') {
    throw new UnreadableResponseError(response.status, 'not a searchset Bundle');
  }
  return readCaseload(body, currentPatientId);
}
