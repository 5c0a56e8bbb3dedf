import { SignJWT, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAuthServer } from './auth-test-server';
import {
  APP_CLIENT_ID,
  DANA,
  createPkce,
  ehrLaunchCode,
  exchangeCode,
  startAuthServer,
} from './auth-test-server';

describe('verifyAccessToken', () => {
  let server: RunningAuthServer;
  beforeAll(async () => {
    server = await startAuthServer();
  });
  afterAll(() => server.close());

  async function issueTokens(): Promise<{ accessToken: string; idToken: string }> {
    const pkce = createPkce();
    const code = await ehrLaunchCode(server, pkce, {
      scope: 'launch openid fhirUser patient/Observation.rs patient/Encounter.cru user/Practitioner.read',
    });
    const { body } = await exchangeCode(server, code, pkce);
    return { accessToken: body.access_token ?? '', idToken: body.id_token ?? '' };
  }

  it('returns the grant with parsed resource scopes for a valid token', async () => {
    const { accessToken } = await issueTokens();
    const check = await server.auth.verifyAccessToken(`Bearer ${accessToken}`);
    if (!check.ok) {
      throw new Error(check.message);
    }
    expect(check.grant).toMatchObject({
      clientId: APP_CLIENT_ID,
      patient: 'pt-jordan-ellis',
      fhirUser: DANA.fhirUser,
      scope: 'launch openid fhirUser patient/Observation.rs patient/Encounter.cru user/Practitioner.read',
    });
    expect(check.grant.resourceScopes.map((scope) => `${scope.context}/${scope.resourceType}`)).toEqual([
      'patient/Observation',
      'patient/Encounter',
      'user/Practitioner',
    ]);
    expect(check.grant.expiresAt).toBe(Math.floor(server.clock.now() / 1000) + 3600);
  });

  it('accepts the Bearer scheme in any letter case', async () => {
    const { accessToken } = await issueTokens();
    expect((await server.auth.verifyAccessToken(`bearer ${accessToken}`)).ok).toBe(true);
  });

  it('reports a missing header as missing', async () => {
    expect(await server.auth.verifyAccessToken(undefined)).toMatchObject({ ok: false, reason: 'missing' });
    expect(await server.auth.verifyAccessToken('')).toMatchObject({ ok: false, reason: 'missing' });
  });

  it('reports garbage and other schemes as invalid', async () => {
    expect(await server.auth.verifyAccessToken('Bearer not.a.jwt')).toMatchObject({
      ok: false,
      reason: 'invalid',
    });
    expect(await server.auth.verifyAccessToken('Basic dXNlcjpwYXNz')).toMatchObject({
      ok: false,
      reason: 'invalid',
    });
  });

  it('reports a token with a tampered payload as invalid', async () => {
    const { accessToken } = await issueTokens();
    const [header, payload, signature] = accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    claims.patient = 'pt-someone-else';
    const forged = `${header ?? ''}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature ?? ''}`;
    expect(await server.auth.verifyAccessToken(`Bearer ${forged}`)).toMatchObject({
      ok: false,
      reason: 'invalid',
    });
  });

  it('reports a token signed by another key as invalid', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const now = Math.floor(server.clock.now() / 1000);
    const foreign = await new SignJWT({ client_id: APP_CLIENT_ID, scope: 'patient/*.rs', grant_id: 'g' })
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt' })
      .setIssuer(`${server.origin}/auth`)
      .setAudience(server.fhirBaseUrl)
      .setSubject('x')
      .setJti('j')
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .sign(privateKey);
    expect(await server.auth.verifyAccessToken(`Bearer ${foreign}`)).toMatchObject({
      ok: false,
      reason: 'invalid',
    });
  });

  it('reports an id_token presented as an access token as invalid', async () => {
    const { idToken } = await issueTokens();
    expect(await server.auth.verifyAccessToken(`Bearer ${idToken}`)).toMatchObject({
      ok: false,
      reason: 'invalid',
    });
  });

  it('reports a token from another sandbox instance as invalid', async () => {
    const other = await startAuthServer();
    try {
      const pkce = createPkce();
      const code = await ehrLaunchCode(other, pkce);
      const { body } = await exchangeCode(other, code, pkce);
      const check = await server.auth.verifyAccessToken(`Bearer ${body.access_token ?? ''}`);
      expect(check).toMatchObject({ ok: false, reason: 'invalid' });
    } finally {
      await other.close();
    }
  });

  it('reports an expired token as expired', async () => {
    const { accessToken } = await issueTokens();
    server.clock.advanceSeconds(3601);
    expect(await server.auth.verifyAccessToken(`Bearer ${accessToken}`)).toMatchObject({
      ok: false,
      reason: 'expired',
    });
  });
});
