/**
 * A stand-in for fhirclient's Client, and sessions over it, for tests of the FHIR layer against the
 * fake FHIR server (mocks/fake-fhir-server/fhir-store.ts).
 */
import { requestedScope } from '../../launch/scopes';
import type { FhirSession, RequestOptions, SmartClient } from '../../src/fhir/smart-session';
import { createFhirSession } from '../../src/fhir/smart-session';
import { STORE_BASE } from '../../mocks/fake-fhir-server/fhir-store';

export interface FakeClientOptions {
  readonly serverUrl?: string;
  readonly patientId?: string;
  /** Without one, a 401 cannot be refreshed and the session ends. */
  readonly refreshToken?: string;
  /** Makes every refresh fail, as an authorization server that refuses the refresh token. */
  readonly refuseRefresh?: boolean;
}

export interface FakeSmartClient extends SmartClient {
  /** How many times the app asked for a new token. */
  readonly refreshes: number;
  /** The access token now in use: token-1, then token-2 after one refresh, ... */
  readonly token: string;
}

/** Alex Rivera's launch: holds a token that rotates on every refresh. */
export function fakeSmartClient(options: FakeClientOptions = {}): FakeSmartClient {
  let refreshes = 0;
  const state = {
    serverUrl: options.serverUrl ?? STORE_BASE,
    key: 'launch-alex-rivera',
    expiresAt: Math.floor(Date.now() / 1000) + 3600,
    tokenResponse: {
      access_token: 'token-1',
      patient: options.patientId ?? 'pt-maria-santos',
      // What PeerBridge asks for, as an EHR that grants it all would answer.
      scope: requestedScope('v2', 'ehr'),
      expires_in: 3600,
      ...(options.refreshToken ? { refresh_token: options.refreshToken } : {}),
    },
  };
  return {
    state,
    get refreshes() {
      return refreshes;
    },
    get token() {
      return `token-${String(refreshes + 1)}`;
    },
    getAuthorizationHeader() {
      return `Bearer token-${String(refreshes + 1)}`;
    },
    getFhirUser: () => 'Practitioner/pr-alex-rivera',
    refresh() {
      if (options.refuseRefresh) {
        return Promise.reject(new Error('invalid_grant'));
      }
      refreshes += 1;
      state.expiresAt = Math.floor(Date.now() / 1000) + 3600;
      return Promise.resolve();
    },
  };
}

export interface AdjustableSession {
  readonly session: FhirSession;
  /** Gives every following request this timeout (undefined: the session's own default). */
  readonly setTimeoutMs: (milliseconds: number | undefined) => void;
}

/**
 * A session whose request timeout a test can shorten, so a server that never answers fails in
 * milliseconds instead of the 20 s a person would wait.
 */
export function adjustableSession(client: SmartClient = fakeSmartClient()): AdjustableSession {
  const inner = createFhirSession(client);
  let timeoutMs: number | undefined;
  return {
    session: {
      context: inner.context,
      request: (path: string, options: RequestOptions = {}) =>
        inner.request(path, timeoutMs === undefined ? options : { ...options, timeoutMs }),
    },
    setTimeoutMs: (milliseconds) => {
      timeoutMs = milliseconds;
    },
  };
}
