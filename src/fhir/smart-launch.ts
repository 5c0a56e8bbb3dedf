import FHIR from 'fhirclient';
import type { SmartClient } from './smart-session';

interface FhirclientSettings {
  refreshTokenWithClientId?: boolean;
}

/**
 * Public clients must name themselves when refreshing (Epic and others refuse otherwise). fhirclient's
 * typings call its settings object `options`, but the browser build exposes it as `settings`.
 */
function configureFhirclient(): void {
  const oauth2 = FHIR.oauth2 as unknown as { settings?: FhirclientSettings };
  if (oauth2.settings) {
    oauth2.settings.refreshTokenWithClientId = true;
  }
}

export interface AuthorizationError {
  readonly error: string;
  readonly description: string;
}

/**
 * An authorization server that refuses sends the user back with `error` (RFC 6749 §4.1.2.1).
 * Read it, and take it out of the address bar so a reload does not show it again.
 */
export function takeAuthorizationError(location: Location, history: History): AuthorizationError | undefined {
  const url = new URL(location.href);
  const error = url.searchParams.get('error');
  if (!error) {
    return undefined;
  }
  const description = url.searchParams.get('error_description') ?? '';
  for (const key of ['error', 'error_description', 'error_uri', 'state']) {
    url.searchParams.delete(key);
  }
  history.replaceState(history.state, '', url.href);
  return { error, description };
}

/** Completes the SMART flow on the redirect page (or restores this tab's session on reload). */
export async function completeSmartLaunch(): Promise<SmartClient> {
  configureFhirclient();
  return FHIR.oauth2.ready();
}
