import { normalizeErrorMessage, SessionExpiredError } from '../fhir/fhir-errors';
import { RUNTIME_CONFIG_FILE } from '../domain/runtime-config';
import { loadIssuerOptions } from '../fhir/issuer-options';
import { loadPatientContext } from '../fhir/patient-context-query';
import { cachedServerCapabilities, loadServerCapabilities } from '../fhir/server-capabilities';
import { completeSmartLaunch, takeAuthorizationError } from '../fhir/smart-launch';
import { createFhirSession, type FhirSession } from '../fhir/smart-session';
import { sessionStorageOrUndefined } from './documentation/draft-store';
import { describeAuthorizationError } from './launch-errors';
import type { Screen, ServerSetup } from './screen';
import { ScreenState } from './screen-state';

function noSessionScreen(): Screen {
  return {
    kind: 'error',
    title: 'Open PeerBridge from your EHR',
    message:
      'PeerBridge opens from a patient’s chart in your EHR. This page has no sign-in to continue; open it again from the chart.',
  };
}

async function showPatient(screen: ScreenState, session: FhirSession): Promise<void> {
  const { patientId, serverUrl } = session.context;
  screen.value = {
    kind: 'loading',
    text: patientId ? 'Loading the patient’s record…' : 'Opening PeerBridge…',
  };
  // Read once per server per browser session; the first screen does not wait for it unless a read
  // is refused (the statement can be 600 kB).
  const cache = sessionStorageOrUndefined();
  const cachedCapabilities = cachedServerCapabilities(session, cache);
  const capabilities = cachedCapabilities
    ? Promise.resolve(cachedCapabilities)
    : loadServerCapabilities(session, cache);
  // A same-origin static file, fetched beside the first read rather than before it.
  const options = loadIssuerOptions(new URL(RUNTIME_CONFIG_FILE, document.baseURI), serverUrl);
  if (!patientId) {
    // Launched at user level (no chart open): the home workspace, which reads its own user.
    screen.value = { kind: 'user-level', session, server: { capabilities, options: await options } };
    return;
  }
  try {
    const context = await loadPatientContext(session, patientId, {
      ...(cachedCapabilities ? { cachedCapabilities } : {}),
      capabilities: () => capabilities,
      recognition: options.then((o) => o.peerRecognition),
    });
    const server: ServerSetup = { capabilities, options: await options };
    screen.value = { kind: 'ready', launch: session.context, context, session, server };
  } catch (error) {
    const expired = error instanceof SessionExpiredError;
    screen.value = {
      kind: 'error',
      title: expired ? 'Your session has ended' : 'The patient’s record could not be loaded',
      message: normalizeErrorMessage(error),
      ...(expired ? { relaunchIss: serverUrl } : {}),
    };
  }
}

/** Runs the app page: completes the SMART launch, then loads and shows the patient's context. */
export function startApp(): ScreenState {
  const screen = new ScreenState({ kind: 'loading', text: 'Signing in…' });
  const reply = takeAuthorizationError(window.location, window.history, sessionStorageOrUndefined());
  if (reply.kind === 'unmatched') {
    screen.value = noSessionScreen();
    return screen;
  }
  if (reply.kind === 'refused') {
    const { error, description } = reply.error;
    screen.value = {
      kind: 'error',
      ...describeAuthorizationError(reply.error),
      detail: `The EHR said: ${error}${description ? ` (${description})` : ''}`,
    };
    return screen;
  }
  completeSmartLaunch()
    .then((client) => showPatient(screen, createFhirSession(client)))
    .catch(() => {
      screen.value = noSessionScreen();
    });
  return screen;
}
