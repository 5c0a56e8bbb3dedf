import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAuthServer } from './auth-test-server';
import {
  APP_CLIENT_ID,
  APP_REDIRECT,
  DANA,
  createPkce,
  ehrLaunchCode,
  exchangeCode,
  postToken,
  startAuthServer,
} from './auth-test-server';

describe('POST /auth/token', () => {
  let server: RunningAuthServer;
  beforeAll(async () => {
    server = await startAuthServer({ smartStyleUrl: 'http://127.0.0.1:4010/ehr/smart-style.json' });
  });
  afterAll(() => server.close());

  it('exchanges an EHR-launch code for a signed access token and the launch context', async () => {
    const pkce = createPkce();
    const code = await ehrLaunchCode(server, pkce, { encounter: 'enc-1' });
    const { status, headers, body } = await exchangeCode(server, code, pkce);
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-store');
    expect(headers.get('access-control-allow-origin')).toBe('*');
    expect(body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'launch openid fhirUser offline_access patient/*.rs user/Practitioner.rs',
      patient: 'pt-jordan-ellis',
      encounter: 'enc-1',
      need_patient_banner: false,
      smart_style_url: 'http://127.0.0.1:4010/ehr/smart-style.json',
    });
    expect(body.refresh_token).toEqual(expect.any(String));

    const jwks = createRemoteJWKSet(new URL(`${server.origin}/auth/jwks`));
    const { payload, protectedHeader } = await jwtVerify(body.access_token ?? '', jwks, {
      issuer: `${server.origin}/auth`,
      audience: server.fhirBaseUrl,
      currentDate: new Date(server.clock.now()),
    });
    expect(protectedHeader).toMatchObject({ alg: 'ES256', typ: 'at+jwt' });
    expect(payload).toMatchObject({
      sub: DANA.username,
      client_id: APP_CLIENT_ID,
      scope: body.scope,
      patient: 'pt-jordan-ellis',
      encounter: 'enc-1',
      fhirUser: DANA.fhirUser,
    });
    expect(payload.jti).toEqual(expect.any(String));
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(3600);
  });

  it('returns an id_token for openid with the absolute fhirUser and the nonce', async () => {
    const pkce = createPkce();
    const code = await ehrLaunchCode(server, pkce, { nonce: 'nonce-42' });
    const { body } = await exchangeCode(server, code, pkce);
    const jwks = createRemoteJWKSet(new URL(`${server.origin}/auth/jwks`));
    const { payload } = await jwtVerify(body.id_token ?? '', jwks, {
      issuer: `${server.origin}/auth`,
      audience: APP_CLIENT_ID,
      currentDate: new Date(server.clock.now()),
    });
    expect(payload).toMatchObject({
      sub: DANA.username,
      nonce: 'nonce-42',
      fhirUser: `${server.fhirBaseUrl}/Practitioner/pr-dana-okafor`,
    });
    expect(payload.exp).toEqual(expect.any(Number));
  });

  it('omits the id_token and refresh_token when openid and offline_access were not requested', async () => {
    const pkce = createPkce();
    const code = await ehrLaunchCode(server, pkce, { scope: 'launch patient/*.rs' });
    const { body } = await exchangeCode(server, code, pkce);
    expect(body.access_token).toEqual(expect.any(String));
    expect(body).not.toHaveProperty('id_token');
    expect(body).not.toHaveProperty('refresh_token');
  });

  it('issues a refresh token for online_access', async () => {
    const pkce = createPkce();
    const code = await ehrLaunchCode(server, pkce, { scope: 'launch online_access patient/*.rs' });
    const { body } = await exchangeCode(server, code, pkce);
    expect(body.refresh_token).toEqual(expect.any(String));
  });

  it('rejects a wrong code_verifier with invalid_grant', async () => {
    const pkce = createPkce();
    const code = await ehrLaunchCode(server, pkce);
    const { status, body } = await exchangeCode(server, code, createPkce());
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_grant');
    expect(body).not.toHaveProperty('access_token');
  });

  it('rejects a second use of a code with invalid_grant and revokes the first tokens', async () => {
    const pkce = createPkce();
    const code = await ehrLaunchCode(server, pkce);
    const first = await exchangeCode(server, code, pkce);
    expect(first.status).toBe(200);
    const second = await exchangeCode(server, code, pkce);
    expect(second.status).toBe(400);
    expect(second.body.error).toBe('invalid_grant');

    const check = await server.auth.verifyAccessToken(`Bearer ${first.body.access_token ?? ''}`);
    expect(check.ok).toBe(false);
    const refreshed = await postToken(server, {
      grant_type: 'refresh_token',
      refresh_token: first.body.refresh_token ?? '',
      client_id: APP_CLIENT_ID,
    });
    expect(refreshed.body.error).toBe('invalid_grant');
  });

  it('rejects a code older than 60 seconds with invalid_grant', async () => {
    const pkce = createPkce();
    const code = await ehrLaunchCode(server, pkce);
    server.clock.advanceSeconds(61);
    const { body } = await exchangeCode(server, code, pkce);
    expect(body.error).toBe('invalid_grant');
  });

  it('rejects a redirect_uri other than the one authorized with invalid_grant', async () => {
    const pkce = createPkce();
    const code = await ehrLaunchCode(server, pkce);
    const { body } = await postToken(server, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: 'http://127.0.0.1:5999/other/',
      client_id: APP_CLIENT_ID,
      code_verifier: pkce.verifier,
    });
    expect(body.error).toBe('invalid_grant');
  });

  it('rejects a missing code_verifier with invalid_request', async () => {
    const pkce = createPkce();
    const code = await ehrLaunchCode(server, pkce);
    const { body } = await postToken(server, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: APP_REDIRECT,
      client_id: APP_CLIENT_ID,
    });
    expect(body.error).toBe('invalid_request');
  });

  it('rejects an unknown client with invalid_client', async () => {
    const { body } = await postToken(server, {
      grant_type: 'authorization_code',
      client_id: 'nobody',
      code: 'x',
    });
    expect(body.error).toBe('invalid_client');
  });

  it('rejects a client secret with invalid_client, since clients are public', async () => {
    const { body } = await postToken(server, {
      grant_type: 'refresh_token',
      client_id: APP_CLIENT_ID,
      client_secret: 'shh',
      refresh_token: 'x',
    });
    expect(body.error).toBe('invalid_client');
  });

  it('rejects a missing client_id with invalid_request', async () => {
    const { body } = await postToken(server, { grant_type: 'refresh_token', refresh_token: 'x' });
    expect(body.error).toBe('invalid_request');
  });

  it('rejects client_credentials with unsupported_grant_type', async () => {
    const { body } = await postToken(server, { grant_type: 'client_credentials', client_id: APP_CLIENT_ID });
    expect(body.error).toBe('unsupported_grant_type');
  });

  it('rejects a JSON body with invalid_request', async () => {
    const response = await fetch(`${server.origin}/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ grant_type: 'authorization_code' }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('invalid_request');
  });

  it('answers the CORS preflight', async () => {
    const response = await fetch(`${server.origin}/auth/token`, { method: 'OPTIONS' });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('refreshes with a rotated refresh token and keeps the launch context', async () => {
    const pkce = createPkce();
    const code = await ehrLaunchCode(server, pkce);
    const first = await exchangeCode(server, code, pkce);
    const refreshed = await postToken(server, {
      grant_type: 'refresh_token',
      refresh_token: first.body.refresh_token ?? '',
      client_id: APP_CLIENT_ID,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toMatchObject({
      token_type: 'Bearer',
      scope: first.body.scope,
      patient: 'pt-jordan-ellis',
      need_patient_banner: false,
    });
    expect(refreshed.body.access_token).not.toBe(first.body.access_token);
    expect(refreshed.body.refresh_token).toEqual(expect.any(String));
    expect(refreshed.body.refresh_token).not.toBe(first.body.refresh_token);

    const check = await server.auth.verifyAccessToken(`Bearer ${refreshed.body.access_token ?? ''}`);
    expect(check.ok).toBe(true);

    const reused = await postToken(server, {
      grant_type: 'refresh_token',
      refresh_token: first.body.refresh_token ?? '',
      client_id: APP_CLIENT_ID,
    });
    expect(reused.body.error).toBe('invalid_grant');
  });

  it('refreshes to a narrower scope but not a wider one', async () => {
    const pkce = createPkce();
    const code = await ehrLaunchCode(server, pkce);
    const { body } = await exchangeCode(server, code, pkce);
    const wider = await postToken(server, {
      grant_type: 'refresh_token',
      refresh_token: body.refresh_token ?? '',
      client_id: APP_CLIENT_ID,
      scope: 'offline_access patient/*.cruds',
    });
    expect(wider.body.error).toBe('invalid_scope');

    const narrower = await postToken(server, {
      grant_type: 'refresh_token',
      refresh_token: body.refresh_token ?? '',
      client_id: APP_CLIENT_ID,
      scope: 'offline_access patient/*.rs',
    });
    expect(narrower.status).toBe(200);
    expect(narrower.body.scope).toBe('offline_access patient/*.rs');
  });

  it('rejects a refresh token presented by another client', async () => {
    const pkce = createPkce();
    const code = await ehrLaunchCode(server, pkce);
    const { body } = await exchangeCode(server, code, pkce);
    const registration = await fetch(`${server.origin}/auth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        redirect_uris: ['http://127.0.0.1:6000/cb'],
        token_endpoint_auth_method: 'none',
      }),
    });
    const { client_id: otherClient } = (await registration.json()) as { client_id: string };
    const refreshed = await postToken(server, {
      grant_type: 'refresh_token',
      refresh_token: body.refresh_token ?? '',
      client_id: otherClient,
    });
    expect(refreshed.body.error).toBe('invalid_grant');
  });

  it('gives a launch-specific token lifetime to the first and the refreshed access tokens', async () => {
    const pkce = createPkce();
    const code = await ehrLaunchCode(server, pkce, { tokenTtlSeconds: 3 });
    const first = await exchangeCode(server, code, pkce);
    expect(first.body.expires_in).toBe(3);
    server.clock.advanceSeconds(4);
    const expired = await server.auth.verifyAccessToken(`Bearer ${first.body.access_token ?? ''}`);
    expect(expired).toMatchObject({ ok: false, reason: 'expired' });

    const refreshed = await postToken(server, {
      grant_type: 'refresh_token',
      refresh_token: first.body.refresh_token ?? '',
      client_id: APP_CLIENT_ID,
    });
    expect(refreshed.body.expires_in).toBe(3);
    const fresh = await server.auth.verifyAccessToken(`Bearer ${refreshed.body.access_token ?? ''}`);
    expect(fresh.ok).toBe(true);
  });

  it('accepts only POST', async () => {
    const response = await fetch(`${server.origin}/auth/token`);
    expect(response.status).toBe(405);
  });
});
