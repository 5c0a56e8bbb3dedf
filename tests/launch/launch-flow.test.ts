import { describe, expect, it } from 'vitest';
import { decideLaunch, type LaunchEnvironment } from '../../launch/launch-flow';

const ISS = 'https://ehr.example.test/fhir';
const APP = 'https://peerbridge.example.test/app/launch/';

interface FakeServer {
  config?: unknown;
  smart?: unknown;
}

function environment(query: string, server: FakeServer, overrides: Partial<LaunchEnvironment> = {}) {
  const requested: string[] = [];
  const fetchImpl = (input: RequestInfo | URL): Promise<Response> => {
    const url = input instanceof Request ? input.url : input.toString();
    requested.push(url);
    if (url === 'https://peerbridge.example.test/app/peerbridge.config.json') {
      return Promise.resolve(
        Response.json(server.config ?? { issuers: [{ iss: ISS, clientId: 'client-1' }] }),
      );
    }
    if (url === `${ISS}/.well-known/smart-configuration` && server.smart !== undefined) {
      return Promise.resolve(Response.json(server.smart));
    }
    return Promise.resolve(new Response('not found', { status: 404 }));
  };
  const env: LaunchEnvironment = {
    pageUrl: new URL(`${APP}${query}`),
    fetch: fetchImpl,
    storageUsable: true,
    embedded: true,
    ...overrides,
  };
  return { env, requested };
}

const SMART_V2 = {
  capabilities: ['launch-ehr', 'permission-v2'],
  code_challenge_methods_supported: ['S256'],
};

describe('decideLaunch', () => {
  it('authorizes an EHR launch with v2 scopes, PKCE always sent and a strong state', async () => {
    const { env } = environment(`?iss=${encodeURIComponent(ISS)}&launch=abc`, { smart: SMART_V2 });
    const decision = await decideLaunch(env);
    expect(decision.kind).toBe('authorize');
    if (decision.kind !== 'authorize') {
      return;
    }
    expect(decision.params).toMatchObject({
      iss: ISS,
      launch: 'abc',
      clientId: 'client-1',
      pkceMode: 'unsafeV1',
      redirectUri: 'https://peerbridge.example.test/app/',
    });
    expect(decision.params.scope.split(' ')).toEqual(
      expect.arrayContaining(['launch', 'openid', 'fhirUser', 'patient/Encounter.crus']),
    );
    expect(decision.params.stateKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('asks v1 scopes from a server that does not advertise permission-v2', async () => {
    const { env } = environment(`?iss=${encodeURIComponent(ISS)}`, {
      smart: { capabilities: ['launch-standalone'], code_challenge_methods_supported: ['S256'] },
    });
    const decision = await decideLaunch(env);
    expect(decision.kind === 'authorize' && decision.params.scope.split(' ')).toEqual(
      expect.arrayContaining(['launch/patient', 'patient/Encounter.read', 'patient/Encounter.write']),
    );
  });

  it('refuses an unknown issuer without sending it anything', async () => {
    const hostile = 'https://evil.example.test/fhir';
    const { env, requested } = environment(`?iss=${encodeURIComponent(hostile)}&launch=abc`, {
      smart: SMART_V2,
    });
    const decision = await decideLaunch(env);
    expect(decision.kind).toBe('message');
    expect(decision.kind === 'message' && decision.message.paragraphs.join(' ')).toContain(hostile);
    expect(requested.some((url) => url.startsWith('https://evil.example.test'))).toBe(false);
  });

  it('launches with PKCE on a server whose discovery lists no code challenge methods', async () => {
    // Oracle Health's published R4 discovery (cerner/fhir.cerner.com, R4_WELL_KNOWN) gives null here.
    const oracleShaped = {
      capabilities: ['launch-ehr', 'launch-standalone', 'client-public', 'permission-v1'],
      response_types_supported: ['code'],
      code_challenge_methods_supported: null,
    };
    const { env } = environment(`?iss=${encodeURIComponent(ISS)}&launch=abc`, { smart: oracleShaped });
    const decision = await decideLaunch(env);
    expect(decision.kind === 'authorize' && decision.params.pkceMode).toBe('unsafeV1');
  });

  it('still launches with S256 when discovery lists only other methods', async () => {
    const { env } = environment(`?iss=${encodeURIComponent(ISS)}`, {
      smart: { capabilities: [], code_challenge_methods_supported: ['plain'] },
    });
    const decision = await decideLaunch(env);
    expect(decision.kind === 'authorize' && decision.params.pkceMode).toBe('unsafeV1');
  });

  it.each([
    ['a user name', 'https://someone@ehr.example.test/fhir'],
    ['a password', 'https://someone:secret@ehr.example.test/fhir'],
    ['a query', 'https://ehr.example.test/fhir?x=1'],
    ['an empty query', 'https://ehr.example.test/fhir?'],
    ['a fragment', 'https://ehr.example.test/fhir#top'],
    ['a dot segment', 'https://ehr.example.test/./fhir'],
    ['a dot-dot segment', 'https://ehr.example.test/other/../fhir'],
    ['an encoded dot-dot segment', 'https://ehr.example.test/other/%2E%2e/fhir'],
  ])('refuses an issuer with %s before sending it anything', async (_what, spelled) => {
    const { env, requested } = environment(`?iss=${encodeURIComponent(spelled)}&launch=abc`, {
      smart: SMART_V2,
    });
    const decision = await decideLaunch(env);
    expect(decision.kind === 'message' && decision.message.title).toBe('This EHR address is not accepted');
    expect(requested.some((url) => url.startsWith('https://ehr.example.test'))).toBe(false);
  });

  it('authorizes with the configured issuer and client id, whatever the URL spells or adds', async () => {
    const spelled = 'HTTPS://EHR.example.test/fhir/';
    const { env, requested } = environment(
      `?iss=${encodeURIComponent(spelled)}&launch=abc&clientId=attacker&fhirServiceUrl=https%3A%2F%2Fevil.example.test`,
      { smart: SMART_V2 },
    );
    const decision = await decideLaunch(env);
    expect(decision.kind === 'authorize' && decision.params).toMatchObject({
      iss: ISS,
      clientId: 'client-1',
    });
    expect(requested).toContain(`${ISS}/.well-known/smart-configuration`);
  });

  it('leaves the launch query out of the address it shows before leaving', async () => {
    const { env } = environment(`?iss=${encodeURIComponent(ISS)}&launch=abc`, { smart: SMART_V2 });
    const decision = await decideLaunch(env);
    expect(decision.kind === 'authorize' && decision.addressBarUrl).toBe(APP);
  });

  it('explains blocked storage inside an EHR frame and offers a new window', async () => {
    const { env } = environment(
      `?iss=${encodeURIComponent(ISS)}&launch=abc`,
      { smart: SMART_V2 },
      { storageUsable: false },
    );
    const decision = await decideLaunch(env);
    expect(decision.kind === 'message' && decision.message.actions?.[0]?.newWindow).toBe(true);
  });

  it('names the bad key when the configuration is wrong', async () => {
    const { env } = environment(`?iss=${encodeURIComponent(ISS)}`, { config: { issuers: [{ iss: ISS }] } });
    const decision = await decideLaunch(env);
    expect(decision.kind === 'message' && decision.message.paragraphs[0]).toContain('issuers[0].clientId');
  });

  it('offers the configured EHRs when opened without an issuer', async () => {
    const { env } = environment('', {});
    const decision = await decideLaunch(env);
    expect(decision.kind === 'message' && decision.message.actions?.[0]?.href).toBe(
      `${APP}?iss=${encodeURIComponent(ISS)}`,
    );
  });

  it('uses the scope and redirect an issuer entry overrides', async () => {
    const { env } = environment(`?iss=${encodeURIComponent(ISS)}`, {
      smart: SMART_V2,
      config: {
        issuers: [
          {
            iss: ISS,
            clientId: 'c',
            scope: 'launch/patient openid',
            redirectUri: 'https://peerbridge.example.test/cb',
          },
        ],
      },
    });
    const decision = await decideLaunch(env);
    expect(decision.kind === 'authorize' && decision.params).toMatchObject({
      scope: 'launch/patient openid',
      redirectUri: 'https://peerbridge.example.test/cb',
    });
  });
});
