import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAuthServer } from './auth-test-server';
import {
  APP_CLIENT_ID,
  DANA,
  authorizeUrl,
  createPkce,
  getManual,
  postToken,
  redirectQuery,
  startAuthServer,
} from './auth-test-server';

const REDIRECT = 'http://127.0.0.1:5999/registered/';

function register(server: RunningAuthServer, metadata: unknown): Promise<Response> {
  return fetch(`${server.origin}/auth/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(metadata),
  });
}

describe('POST /auth/register', () => {
  let dataDir: string;
  let server: RunningAuthServer;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'peerbridge-register-'));
    server = await startAuthServer({ dataDir });
  });
  afterAll(async () => {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('registers a public client and answers 201 with its metadata', async () => {
    const response = await register(server, {
      redirect_uris: [REDIRECT],
      client_name: 'PeerBridge dev',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      scope: 'launch openid fhirUser offline_access patient/*.rs',
      logo_uri: 'https://example.org/ignored.png',
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      redirect_uris: [REDIRECT],
      client_name: 'PeerBridge dev',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      scope: 'launch openid fhirUser offline_access patient/*.rs',
    });
    expect(body.client_id).toEqual(expect.any(String));
    expect(body.client_id_issued_at).toBe(Math.floor(server.clock.now() / 1000));
  });

  it('lets a registered client launch, and remembers it after a restart with the same dataDir', async () => {
    const response = await register(server, {
      redirect_uris: [REDIRECT],
      token_endpoint_auth_method: 'none',
    });
    const { client_id: clientId } = (await response.json()) as { client_id: string };
    const stored = await readFile(join(dataDir, 'registered-clients.json'), 'utf8');
    expect(stored).toContain(clientId);

    const restarted = await startAuthServer({ dataDir });
    try {
      const pkce = createPkce();
      const launch = restarted.auth.createLaunch({
        userName: DANA.username,
        clientId,
        patient: 'pt-jordan-ellis',
      });
      const authorize = await getManual(
        authorizeUrl(restarted, pkce, {
          client_id: clientId,
          redirect_uri: REDIRECT,
          scope: 'launch patient/*.rs',
          launch,
        }),
      );
      expect(redirectQuery(authorize).get('code')).not.toBeNull();
    } finally {
      await restarted.close();
    }
  });

  it('keeps the signing key across a restart, so tokens an app holds keep their signature valid', async () => {
    const keys = async (target: RunningAuthServer): Promise<unknown> =>
      ((await (await fetch(`${target.origin}/auth/jwks`)).json()) as { keys: unknown[] }).keys;
    const restarted = await startAuthServer({ dataDir });
    try {
      expect(await keys(restarted)).toEqual(await keys(server));
    } finally {
      await restarted.close();
    }
  });

  it('issues no refresh token to a client that did not register the refresh_token grant', async () => {
    const response = await register(server, { redirect_uris: [REDIRECT] });
    const { client_id: clientId, grant_types: grantTypes } = (await response.json()) as {
      client_id: string;
      grant_types: string[];
    };
    expect(grantTypes).toEqual(['authorization_code']);
    const pkce = createPkce();
    const launch = server.auth.createLaunch({
      userName: DANA.username,
      clientId,
      patient: 'pt-jordan-ellis',
    });
    const authorize = await getManual(
      authorizeUrl(server, pkce, {
        client_id: clientId,
        redirect_uri: REDIRECT,
        scope: 'launch offline_access patient/*.rs',
        launch,
      }),
    );
    const tokens = await postToken(server, {
      grant_type: 'authorization_code',
      code: redirectQuery(authorize).get('code') ?? '',
      redirect_uri: REDIRECT,
      client_id: clientId,
      code_verifier: pkce.verifier,
    });
    expect(tokens.body.scope).toBe('launch patient/*.rs');
    expect(tokens.body).not.toHaveProperty('refresh_token');
  });

  it('refuses a launch id meant for another app, also to a client registered a moment ago', async () => {
    const response = await register(server, { redirect_uris: [REDIRECT] });
    const { client_id: clientId } = (await response.json()) as { client_id: string };
    const launch = server.auth.createLaunch({
      userName: DANA.username,
      clientId: APP_CLIENT_ID,
      patient: 'pt-jordan-ellis',
    });
    const authorize = await getManual(
      authorizeUrl(server, createPkce(), {
        client_id: clientId,
        redirect_uri: REDIRECT,
        scope: 'launch patient/*.rs',
        launch,
      }),
    );
    expect(redirectQuery(authorize).get('error')).toBe('invalid_request');
    expect(redirectQuery(authorize).get('code')).toBeNull();
  });

  it('refuses scopes outside the ones a client registered', async () => {
    const response = await register(server, {
      redirect_uris: [REDIRECT],
      scope: 'launch patient/Observation.rs',
    });
    const { client_id: clientId } = (await response.json()) as { client_id: string };
    const launch = server.auth.createLaunch({
      userName: DANA.username,
      clientId,
      patient: 'pt-jordan-ellis',
    });
    const authorize = await getManual(
      authorizeUrl(server, createPkce(), {
        client_id: clientId,
        redirect_uri: REDIRECT,
        scope: 'launch patient/*.rs',
        launch,
      }),
    );
    expect(redirectQuery(authorize).get('error')).toBe('invalid_scope');
  });

  it('rejects confidential client authentication methods with invalid_client_metadata', async () => {
    const response = await register(server, {
      redirect_uris: [REDIRECT],
      token_endpoint_auth_method: 'client_secret_basic',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_client_metadata' });
  });

  it('rejects missing, relative, fragment and non-loopback http redirect URIs with invalid_redirect_uri', async () => {
    for (const metadata of [
      {},
      { redirect_uris: [] },
      { redirect_uris: ['/launch/'] },
      { redirect_uris: ['http://127.0.0.1:5999/cb#frag'] },
      { redirect_uris: ['http://app.example.org/cb'] },
      { redirect_uris: ['javascript:alert(1)'] },
    ]) {
      const response = await register(server, metadata);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'invalid_redirect_uri' });
    }
  });

  it('accepts https redirect URIs on any host', async () => {
    const response = await register(server, { redirect_uris: ['https://app.example.org/cb'] });
    expect(response.status).toBe(201);
  });

  it('rejects unknown grant types and unknown scopes', async () => {
    const grant = await register(server, { redirect_uris: [REDIRECT], grant_types: ['client_credentials'] });
    expect(await grant.json()).toMatchObject({ error: 'invalid_client_metadata' });
    const scope = await register(server, { redirect_uris: [REDIRECT], scope: 'openid banana' });
    expect(await scope.json()).toMatchObject({ error: 'invalid_client_metadata' });
  });

  it('rejects a body that is not JSON', async () => {
    const response = await fetch(`${server.origin}/auth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{not json',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_client_metadata' });
  });
});
