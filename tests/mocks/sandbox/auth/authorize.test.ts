import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAuthServer } from './auth-test-server';
import {
  APP_CLIENT_ID,
  APP_REDIRECT,
  DANA,
  authorizeUrl,
  createPkce,
  getManual,
  redirectQuery,
  redirectTarget,
  startAuthServer,
} from './auth-test-server';

describe('GET /auth/authorize', () => {
  let server: RunningAuthServer;
  const pkce = createPkce();
  beforeAll(async () => {
    server = await startAuthServer();
  });
  afterAll(() => server.close());

  async function expectRedirectError(
    params: Record<string, string | undefined>,
    error: string,
  ): Promise<URLSearchParams> {
    const response = await getManual(authorizeUrl(server, pkce, params));
    expect(response.status).toBe(303);
    expect(redirectTarget(response)).toBe(APP_REDIRECT);
    const query = redirectQuery(response);
    expect(query.get('error')).toBe(error);
    expect(query.get('code')).toBeNull();
    return query;
  }

  it('shows an error page and does not redirect for an unknown client', async () => {
    const response = await getManual(authorizeUrl(server, pkce, { client_id: 'not-registered' }));
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('No app is registered with client_id &quot;not-registered&quot;');
  });

  it('shows an error page and does not redirect for an unregistered redirect_uri', async () => {
    const response = await getManual(authorizeUrl(server, pkce, { redirect_uri: 'https://evil.example/cb' }));
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('is not one registered for this app');
  });

  it('requires the redirect_uri to match exactly, not by prefix', async () => {
    const response = await getManual(authorizeUrl(server, pkce, { redirect_uri: `${APP_REDIRECT}extra` }));
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });

  it('shows an error page when the redirect_uri is missing', async () => {
    const response = await getManual(authorizeUrl(server, pkce, { redirect_uri: undefined }));
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });

  it('redirects invalid_request without state when state is missing', async () => {
    const query = await expectRedirectError({ state: undefined }, 'invalid_request');
    expect(query.get('error_description')).toMatch(/state is required/);
    expect(query.has('state')).toBe(false);
  });

  it('redirects invalid_request with the state when aud is not the FHIR base', async () => {
    const query = await expectRedirectError({ aud: 'https://other.example/fhir' }, 'invalid_request');
    expect(query.get('error_description')).toMatch(/aud mismatch/);
    expect(query.get('state')).toBe('state-7f3c9b2e1a');
  });

  it('redirects invalid_request when aud is missing', async () => {
    await expectRedirectError({ aud: undefined }, 'invalid_request');
  });

  it('accepts aud with a trailing slash', async () => {
    const response = await getManual(authorizeUrl(server, pkce, { aud: `${server.fhirBaseUrl}/` }));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Sign in to continue to PeerBridge (test)');
  });

  it('redirects invalid_request when the PKCE code_challenge is missing', async () => {
    const query = await expectRedirectError({ code_challenge: undefined }, 'invalid_request');
    expect(query.get('error_description')).toMatch(/PKCE/);
  });

  it('redirects invalid_request for the plain PKCE method', async () => {
    const query = await expectRedirectError({ code_challenge_method: 'plain' }, 'invalid_request');
    expect(query.get('error_description')).toMatch(/S256/);
  });

  it('redirects invalid_request when code_challenge_method is omitted', async () => {
    await expectRedirectError({ code_challenge_method: undefined }, 'invalid_request');
  });

  it('redirects invalid_request for a code_challenge that cannot be an S256 hash', async () => {
    await expectRedirectError({ code_challenge: 'too-short' }, 'invalid_request');
  });

  it('redirects invalid_scope for an unknown scope', async () => {
    const query = await expectRedirectError({ scope: 'openid patient/*.rs banana' }, 'invalid_scope');
    expect(query.get('error_description')).toContain('banana');
  });

  it('redirects invalid_scope for malformed v2 permissions', async () => {
    await expectRedirectError({ scope: 'patient/Observation.sr' }, 'invalid_scope');
  });

  it('redirects invalid_scope for a granular scope with a query, rather than granting the type unrestricted', async () => {
    const query = await expectRedirectError(
      { scope: 'openid patient/Observation.rs?category=laboratory' },
      'invalid_scope',
    );
    expect(query.get('error_description')).toMatch(/narrows access by a query/);
  });

  it('redirects invalid_scope for system scopes in a user-facing authorization', async () => {
    await expectRedirectError({ scope: 'system/*.rs' }, 'invalid_scope');
  });

  it('redirects invalid_scope when scope is missing', async () => {
    await expectRedirectError({ scope: undefined }, 'invalid_scope');
  });

  it('redirects unsupported_response_type for response_type=token', async () => {
    await expectRedirectError({ response_type: 'token' }, 'unsupported_response_type');
  });

  it('redirects invalid_request for a repeated parameter', async () => {
    const url = new URL(authorizeUrl(server, pkce));
    url.searchParams.append('scope', 'user/*.cruds');
    const response = await getManual(url.href);
    expect(redirectQuery(response).get('error')).toBe('invalid_request');
  });

  it('redirects invalid_request for the launch scope without a launch parameter', async () => {
    await expectRedirectError({ scope: 'launch openid patient/*.rs' }, 'invalid_request');
  });

  it('redirects invalid_request for an unknown launch id', async () => {
    const query = await expectRedirectError(
      { scope: 'launch patient/*.rs', launch: 'made-up' },
      'invalid_request',
    );
    expect(query.get('error_description')).toMatch(/launch/);
  });

  it('redirects invalid_request for an expired launch id', async () => {
    const launch = server.auth.createLaunch({
      userName: DANA.username,
      clientId: APP_CLIENT_ID,
      patient: 'pt-jordan-ellis',
    });
    server.clock.advanceSeconds(11 * 60);
    await expectRedirectError({ scope: 'launch patient/*.rs', launch }, 'invalid_request');
  });

  it('redirects invalid_request for a launch parameter without the launch scope', async () => {
    const launch = server.auth.createLaunch({
      userName: DANA.username,
      clientId: APP_CLIENT_ID,
      patient: 'pt-jordan-ellis',
    });
    await expectRedirectError({ scope: 'patient/*.rs', launch }, 'invalid_request');
  });

  it('answers an EHR launch with a code and the state at once, without a sign-in page', async () => {
    const launch = server.auth.createLaunch({
      userName: DANA.username,
      clientId: APP_CLIENT_ID,
      patient: 'pt-jordan-ellis',
    });
    const response = await getManual(authorizeUrl(server, pkce, { scope: 'launch patient/*.rs', launch }));
    expect(response.status).toBe(303);
    expect(redirectTarget(response)).toBe(APP_REDIRECT);
    const query = redirectQuery(response);
    expect(query.get('code')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(query.get('state')).toBe('state-7f3c9b2e1a');
  });

  it('refuses a launch id the second time it is presented', async () => {
    const launch = server.auth.createLaunch({
      userName: DANA.username,
      clientId: APP_CLIENT_ID,
      patient: 'pt-jordan-ellis',
    });
    const params = { scope: 'launch patient/*.rs', launch };
    const first = redirectQuery(await getManual(authorizeUrl(server, pkce, params))).get('code');
    expect(first).not.toBeNull();
    const replay = await expectRedirectError(params, 'invalid_request');
    expect(replay.get('error_description')).toMatch(/already used/);
  });

  it('accepts the authorization request as a form POST', async () => {
    const launch = server.auth.createLaunch({
      userName: DANA.username,
      clientId: APP_CLIENT_ID,
      patient: 'pt-jordan-ellis',
    });
    const params = new URL(authorizeUrl(server, pkce, { scope: 'launch patient/*.rs', launch })).searchParams;
    const response = await fetch(`${server.origin}/auth/authorize`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: params.toString(),
    });
    expect(redirectQuery(response).get('code')).not.toBeNull();
  });

  it('refuses to create a launch for an unknown user', () => {
    expect(() => server.auth.createLaunch({ userName: 'nobody', clientId: APP_CLIENT_ID })).toThrow(
      /unknown user/,
    );
  });

  it('refuses a launch with a token lifetime that is not a positive whole number', () => {
    expect(() =>
      server.auth.createLaunch({ userName: DANA.username, clientId: APP_CLIENT_ID, tokenTtlSeconds: 0 }),
    ).toThrow(/tokenTtlSeconds/);
  });
});
