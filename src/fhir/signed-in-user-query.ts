import { resourcesOfAnswer } from '../domain/patient-context-batch';
import { signedInUserQueries } from '../domain/patient-context-queries';
import type { ServerCapabilities } from '../domain/server-capabilities';
import { signedInUser, type SignedInUser } from '../domain/signed-in-user';
import type { PeerRecognition } from '../domain/user-role';
import { mapBounded, PARALLEL_READS } from './bounded-requests';
import { FhirHttpError } from './fhir-errors';
import type { FhirSession } from './smart-session';

/**
 * The signed-in user of a launch without a patient, from the token's fhirUser: the same reads the
 * patient context makes for its user section, sent on their own. A refused read leaves the user
 * unrecognised (named "Signed-in user", not a peer) rather than failing the launch; an ended session
 * is thrown. Undefined when the token names no Practitioner or PractitionerRole.
 */
export async function loadSignedInUser(
  session: FhirSession,
  capabilities: ServerCapabilities,
  recognition: PeerRecognition,
): Promise<SignedInUser | undefined> {
  const fhirUser = session.context.fhirUser;
  if (!fhirUser) {
    return undefined;
  }
  const paths = signedInUserQueries(fhirUser, capabilities);
  if (paths.length === 0) {
    return undefined;
  }
  const answers = await mapBounded(paths, PARALLEL_READS, async (path) => {
    try {
      return resourcesOfAnswer((await session.request(path)).body);
    } catch (error) {
      if (error instanceof FhirHttpError) {
        return [];
      }
      throw error;
    }
  });
  return signedInUser(answers.flat(), fhirUser, recognition);
}
