import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPersonality } from '../../../../mocks/sandbox/personalities';
import type { RunningAuthServer } from '../auth/auth-test-server';
import {
  authorizeUrl,
  createPkce,
  getManual,
  redirectQuery,
  startAuthServer,
} from '../auth/auth-test-server';

const oracle = getPersonality('oracle');
const epic = getPersonality('epic');

async function discovery(server: RunningAuthServer): Promise<Record<string, unknown>> {
  const response = await fetch(`${server.fhirBaseUrl}/.well-known/smart-configuration`);
  return (await response.json()) as Record<string, unknown>;
}

describe('the oracle personality\u2019s authorization server', () => {
  let server: RunningAuthServer;
  beforeAll(async () => {
    server = await startAuthServer({
      scopeRules: oracle.scopes,
      discovery: (built) => oracle.smartConfiguration(built),
    });
  });
  afterAll(() => server.close());

  it('publishes discovery as Oracle does: SMART v1 only and no code_challenge_methods_supported', async () => {
    const config = await discovery(server);
    expect(config.capabilities).toContain('permission-v1');
    expect(config.capabilities).not.toContain('permission-v2');
    expect('code_challenge_methods_supported' in config).toBe(false);
  });

  it('keeps the sandbox\u2019s own endpoints in its discovery', async () => {
    const config = await discovery(server);
    expect(config.authorization_endpoint).toBe(`${server.origin}/auth/authorize`);
    expect(config.token_endpoint).toBe(`${server.origin}/auth/token`);
  });

  it('refuses SMART v2 scopes with invalid_scope', async () => {
    const response = await getManual(authorizeUrl(server, createPkce(), { scope: 'openid user/Patient.rs' }));
    expect(redirectQuery(response).get('error')).toBe('invalid_scope');
  });

  it('refuses wildcard scopes with invalid_scope', async () => {
    const response = await getManual(authorizeUrl(server, createPkce(), { scope: 'openid user/*.read' }));
    expect(redirectQuery(response).get('error')).toBe('invalid_scope');
  });

  it('accepts SMART v1 scopes that name their resource types', async () => {
    const response = await getManual(
      authorizeUrl(server, createPkce(), { scope: 'openid fhirUser user/Patient.read user/Encounter.write' }),
    );
    expect(response.status).toBe(200);
  });
});

describe('the epic personality\u2019s authorization server', () => {
  let server: RunningAuthServer;
  beforeAll(async () => {
    server = await startAuthServer({
      scopeRules: epic.scopes,
      discovery: (built) => epic.smartConfiguration(built),
    });
  });
  afterAll(() => server.close());

  it('offers SMART v1 and v2 scopes and PKCE S256 (assumed)', async () => {
    const config = await discovery(server);
    expect(config.capabilities).toEqual(expect.arrayContaining(['permission-v1', 'permission-v2']));
    expect(config.code_challenge_methods_supported).toEqual(['S256']);
  });

  it('accepts a SMART v2 scope', async () => {
    const response = await getManual(authorizeUrl(server, createPkce(), { scope: 'openid user/Patient.rs' }));
    expect(response.status).toBe(200);
  });
});
