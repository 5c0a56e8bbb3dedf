import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  FhirHttpError,
  NetworkError,
  SessionExpiredError,
  UnreadableResponseError,
} from '../../src/fhir/fhir-errors';
import { createFhirSession, type SmartClient } from '../../src/fhir/smart-session';

const BASE = 'https://ehr.example.test/fhir';
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

interface FakeClientOptions {
  refreshToken?: string;
  expiresInSeconds?: number;
  /** The lifetime the token was issued with, when it differs from what is left of it. */
  issuedLifetimeSeconds?: number;
  refresh?: () => Promise<void>;
}

/** A stand-in for fhirclient's Client: holds a token and counts refreshes. */
function fakeClient(options: FakeClientOptions = {}): SmartClient & { refreshes: number; token: string } {
  const state = {
    serverUrl: `${BASE}/`,
    key: 'launch-1',
    expiresAt: Math.floor(Date.now() / 1000) + (options.expiresInSeconds ?? 3600),
    tokenResponse: {
      access_token: 'token-1',
      patient: 'pt-1',
      scope: 'launch patient/Patient.rs',
      expires_in: options.issuedLifetimeSeconds ?? options.expiresInSeconds ?? 3600,
      ...(options.refreshToken ? { refresh_token: options.refreshToken } : {}),
    },
  };
  const client = {
    state,
    refreshes: 0,
    token: 'token-1',
    getAuthorizationHeader: () => `Bearer ${client.token}`,
    getFhirUser: () => 'Practitioner/pr-1',
    refresh: async () => {
      client.refreshes += 1;
      if (options.refresh) {
        await options.refresh();
      }
      client.token = `token-${client.refreshes + 1}`;
      state.expiresAt = Math.floor(Date.now() / 1000) + 3600;
    },
  };
  return client;
}

describe('createFhirSession', () => {
  it('reads the launch context from the token response', () => {
    const session = createFhirSession(fakeClient());
    expect(session.context).toMatchObject({
      serverUrl: BASE,
      launchKey: 'launch-1',
      patientId: 'pt-1',
      fhirUser: { resourceType: 'Practitioner', id: 'pr-1' },
      needPatientBanner: true,
    });
  });

  it('sends the bearer token and posts bundles to the bare base', async () => {
    let seen: { url: string; auth: string | null } | undefined;
    server.use(
      http.post(BASE, ({ request }) => {
        seen = { url: request.url, auth: request.headers.get('Authorization') };
        return HttpResponse.json({ resourceType: 'Bundle', type: 'batch-response' });
      }),
    );
    const response = await createFhirSession(fakeClient()).request('', { method: 'POST', body: {} });
    expect(seen).toEqual({ url: BASE, auth: 'Bearer token-1' });
    expect(response.body).toEqual({ resourceType: 'Bundle', type: 'batch-response' });
  });

  it('refreshes and retries once when the server answers 401', async () => {
    server.use(
      http.get(`${BASE}/Patient/pt-1`, ({ request }) =>
        request.headers.get('Authorization') === 'Bearer token-2'
          ? HttpResponse.json({ resourceType: 'Patient', id: 'pt-1' })
          : new HttpResponse(null, { status: 401 }),
      ),
    );
    const client = fakeClient({ refreshToken: 'refresh-1' });
    const response = await createFhirSession(client).request('Patient/pt-1');
    expect(client.refreshes).toBe(1);
    expect(response.body).toMatchObject({ id: 'pt-1' });
  });

  it('refreshes before a request when the token is about to expire', async () => {
    server.use(http.get(`${BASE}/Patient/pt-1`, () => HttpResponse.json({ resourceType: 'Patient' })));
    const client = fakeClient({
      refreshToken: 'refresh-1',
      expiresInSeconds: 5,
      issuedLifetimeSeconds: 3600,
    });
    await createFhirSession(client).request('Patient/pt-1');
    expect(client.refreshes).toBe(1);
  });

  it('reports an ended session when the 401 cannot be refreshed', async () => {
    server.use(http.get(`${BASE}/Patient/pt-1`, () => new HttpResponse(null, { status: 401 })));
    await expect(createFhirSession(fakeClient()).request('Patient/pt-1')).rejects.toBeInstanceOf(
      SessionExpiredError,
    );
  });

  it('reports an ended session when the refresh itself is refused', async () => {
    server.use(http.get(`${BASE}/Patient/pt-1`, () => new HttpResponse(null, { status: 401 })));
    const client = fakeClient({
      refreshToken: 'refresh-1',
      refresh: () => Promise.reject(new Error('invalid_grant')),
    });
    await expect(createFhirSession(client).request('Patient/pt-1')).rejects.toBeInstanceOf(
      SessionExpiredError,
    );
  });

  it('keeps the status, OperationOutcome and Retry-After of an error answer', async () => {
    server.use(
      http.get(`${BASE}/Patient/pt-1`, () =>
        HttpResponse.json(
          {
            resourceType: 'OperationOutcome',
            issue: [{ severity: 'error', code: 'throttled', diagnostics: 'Slow down' }],
          },
          { status: 429, headers: { 'Retry-After': '7' } },
        ),
      ),
    );
    const error = await createFhirSession(fakeClient())
      .request('Patient/pt-1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FhirHttpError);
    expect(error).toMatchObject({ status: 429, retryAfterSeconds: 7 });
    expect((error as FhirHttpError).outcome?.issue[0]?.diagnostics).toBe('Slow down');
  });

  it('says an HTML page is not FHIR instead of failing on JSON.parse', async () => {
    server.use(
      http.get(`${BASE}/Patient/pt-1`, () => HttpResponse.html('<html><body>Proxy login</body></html>')),
    );
    await expect(createFhirSession(fakeClient()).request('Patient/pt-1')).rejects.toBeInstanceOf(
      UnreadableResponseError,
    );
  });

  it('says truncated JSON is unreadable', async () => {
    server.use(
      http.get(`${BASE}/Patient/pt-1`, () =>
        HttpResponse.text('{"resourceType":"Pat', { headers: { 'Content-Type': 'application/fhir+json' } }),
      ),
    );
    await expect(createFhirSession(fakeClient()).request('Patient/pt-1')).rejects.toBeInstanceOf(
      UnreadableResponseError,
    );
  });

  it('reports a network error when the connection fails', async () => {
    server.use(http.get(`${BASE}/Patient/pt-1`, () => HttpResponse.error()));
    const error = await createFhirSession(fakeClient())
      .request('Patient/pt-1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).timedOut).toBe(false);
  });

  it('gives up after the timeout and says so', async () => {
    server.use(http.get(`${BASE}/Patient/pt-1`, () => new Promise<Response>(() => undefined)));
    const error = await createFhirSession(fakeClient())
      .request('Patient/pt-1', { timeoutMs: 50 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).timedOut).toBe(true);
  });

  it('returns undefined for an empty body, as some servers answer a create', async () => {
    server.use(
      http.post(
        `${BASE}/Encounter`,
        () =>
          new HttpResponse(null, { status: 201, headers: { Location: `${BASE}/Encounter/e1/_history/1` } }),
      ),
    );
    const response = await createFhirSession(fakeClient()).request('Encounter', { method: 'POST', body: {} });
    expect(response.status).toBe(201);
    expect(response.body).toBeUndefined();
    expect(response.headers.get('Location')).toBe(`${BASE}/Encounter/e1/_history/1`);
  });
});
