import type { FhirSession, LaunchContext } from './smart-session';

/**
 * The session of one person opened from "My people": the same user-level token, with a launch
 * context of its own that names that person. Its key names the person too, so nothing kept per
 * launch can carry over from the person opened before; there is no launch encounter (the EHR
 * opened no chart), and PeerBridge shows its own banner since the EHR shows none for this person.
 */
export function personSession(session: FhirSession, patientId: string): FhirSession {
  const { encounterId: _chartEncounter, ...launch } = session.context;
  const context: LaunchContext = {
    ...launch,
    launchKey: `${launch.launchKey}|Patient/${patientId}`,
    patientId,
    needPatientBanner: true,
  };
  return { context, request: (path, options) => session.request(path, options) };
}
