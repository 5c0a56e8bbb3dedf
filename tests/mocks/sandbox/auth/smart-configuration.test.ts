import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAuthServer } from './auth-test-server';
import { startAuthServer } from './auth-test-server';

describe('SMART discovery', () => {
  let server: RunningAuthServer;
  beforeAll(async () => {
    server = await startAuthServer();
  });
  afterAll(() => server.close());

  it('serves .well-known/smart-configuration under the FHIR base with CORS', async () => {
    const response = await fetch(`${server.fhirBaseUrl}/.well-known/smart-configuration`, {
      headers: { Origin: 'http://127.0.0.1:5999' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const config = (await response.json()) as Record<string, unknown>;
    expect(config).toMatchObject({
      issuer: `${server.origin}/auth`,
      jwks_uri: `${server.origin}/auth/jwks`,
      authorization_endpoint: `${server.origin}/auth/authorize`,
      token_endpoint: `${server.origin}/auth/token`,
      registration_endpoint: `${server.origin}/auth/register`,
      grant_types_supported: ['authorization_code', 'refresh_token'],
      token_endpoint_auth_methods_supported: ['none'],
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
    });
    expect(config.scopes_supported).toEqual(
      expect.arrayContaining([
        'openid',
        'fhirUser',
        'launch',
        'launch/patient',
        'offline_access',
        'online_access',
      ]),
    );
    expect(config.scopes_supported).toEqual(
      expect.arrayContaining(['patient/*.rs', 'user/*.rs', 'patient/*.read']),
    );
    expect(config.capabilities).toEqual(
      expect.arrayContaining([
        'launch-ehr',
        'launch-standalone',
        'client-public',
        'context-banner',
        'context-style',
        'context-ehr-patient',
        'context-ehr-encounter',
        'context-standalone-patient',
        'sso-openid-connect',
        'permission-offline',
        'permission-online',
        'permission-patient',
        'permission-user',
        'permission-v1',
        'permission-v2',
      ]),
    );
  });

  it('answers the CORS preflight for discovery', async () => {
    const response = await fetch(`${server.fhirBaseUrl}/.well-known/smart-configuration`, {
      method: 'OPTIONS',
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('returns the same document from smartConfiguration()', async () => {
    const response = await fetch(`${server.fhirBaseUrl}/.well-known/smart-configuration`);
    expect(await response.json()).toEqual(server.auth.smartConfiguration());
  });

  it('serves OpenID Connect discovery at the issuer', async () => {
    const response = await fetch(`${server.origin}/auth/.well-known/openid-configuration`);
    const config = (await response.json()) as Record<string, unknown>;
    expect(config.issuer).toBe(`${server.origin}/auth`);
    expect(config.id_token_signing_alg_values_supported).toEqual(['ES256']);
  });

  it('publishes only the public half of the signing key', async () => {
    const response = await fetch(`${server.origin}/auth/jwks`);
    const jwks = (await response.json()) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('exposes the endpoint URLs', () => {
    expect(server.auth.endpoints).toEqual({
      authorize: `${server.origin}/auth/authorize`,
      token: `${server.origin}/auth/token`,
      register: `${server.origin}/auth/register`,
      jwks: `${server.origin}/auth/jwks`,
    });
  });
});
