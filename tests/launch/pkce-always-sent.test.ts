import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorize } from 'fhirclient/lib/smart';
import * as security from 'fhirclient/lib/security/server';
import { decideLaunch } from '../../launch/launch-flow';

const ISS = 'https://ehr.example.test/fhir';
const APP = 'https://peerbridge.example.test/app/launch/';

/** Oracle Health's published R4 discovery gives no code_challenge_methods_supported (null). */
const ORACLE_SHAPED_DISCOVERY = {
  authorization_endpoint: 'https://auth.example.test/authorize',
  token_endpoint: 'https://auth.example.test/token',
  capabilities: ['launch-ehr', 'client-public', 'permission-v1'],
  code_challenge_methods_supported: null,
};

// fhirclient fetches discovery itself (through cross-fetch in Node): answer it at the network level.
const server = setupServer(
  http.get(`${APP.replace('launch/', '')}peerbridge.config.json`, () =>
    HttpResponse.json({ issuers: [{ iss: ISS, clientId: 'client-1' }] }),
  ),
  http.get(`${ISS}/.well-known/smart-configuration`, () => HttpResponse.json(ORACLE_SHAPED_DISCOVERY)),
);
beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
});
afterAll(() => {
  server.close();
});

type FhirclientEnvironment = Parameters<typeof authorize>[0];

/** The least of fhirclient's environment that authorize() touches, on the launch page's address. */
function launchPageEnvironment(address: string) {
  const stored = new Map<string, unknown>();
  return {
    getUrl: () => new URL(address),
    relative: (path: string) => new URL(path, address).href,
    getStorage: () => ({
      get: (key: string) => Promise.resolve(stored.get(key)),
      set: (key: string, value: unknown) => Promise.resolve(stored.set(key, value)),
      unset: (key: string) => Promise.resolve(stored.delete(key)),
    }),
    redirect: () => undefined,
    security,
    options: {},
  };
}

describe('the authorize request fhirclient builds from the launch decision', () => {
  it('carries an S256 code challenge although discovery lists no methods', async () => {
    const decision = await decideLaunch({
      pageUrl: new URL(`${APP}?iss=${encodeURIComponent(ISS)}&launch=abc`),
      fetch: globalThis.fetch.bind(globalThis),
      storageUsable: true,
      embedded: true,
    });
    if (decision.kind !== 'authorize') {
      throw new Error(`expected an authorize decision, got ${decision.message.title}`);
    }
    // The launch page has already taken the query out of the address when fhirclient runs.
    const env = launchPageEnvironment(decision.addressBarUrl);
    const redirect = (await authorize(env as unknown as FhirclientEnvironment, {
      ...decision.params,
      noRedirect: true,
    })) as string;

    const url = new URL(redirect);
    expect(`${url.origin}${url.pathname}`).toBe(ORACLE_SHAPED_DISCOVERY.authorization_endpoint);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(url.searchParams.get('client_id')).toBe('client-1');
    expect(url.searchParams.get('aud')).toBe(ISS);
    expect(url.searchParams.get('launch')).toBe('abc');
  });
});
