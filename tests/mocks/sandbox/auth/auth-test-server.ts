import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAuthServer } from '../../../../mocks/sandbox/auth';
import type { AuthServer, AuthServerOptions, SandboxUser } from '../../../../mocks/sandbox/auth';
import type { RouteHandler } from '../../../../mocks/sandbox/http';

export const DANA: SandboxUser = {
  username: 'dana.okafor',
  password: 'sandbox-pass-1',
  displayName: 'Dana Okafor, LCSW',
  fhirUser: 'Practitioner/pr-dana-okafor',
};
export const MILES: SandboxUser = {
  username: 'miles.tran',
  password: 'sandbox-pass-2',
  displayName: 'Miles Tran, CPRS',
  fhirUser: 'Practitioner/pr-miles-tran',
};

export const APP_CLIENT_ID = 'peerbridge-test';
export const APP_REDIRECT = 'http://127.0.0.1:5999/launch/';

export const TEST_PATIENTS = [
  { id: 'pt-jordan-ellis', name: 'Jordan Ellis', birthDate: '1988-04-12' },
  { id: 'pt-script', name: '<script>alert(1)</script>', birthDate: '1990-01-01' },
];

export interface TestClock {
  now: () => number;
  advanceSeconds: (seconds: number) => void;
}

export interface RunningAuthServer {
  origin: string;
  fhirBaseUrl: string;
  auth: AuthServer;
  clock: TestClock;
  dataDir: string;
  close(): Promise<void>;
}

export function createClock(): TestClock {
  let current = Date.UTC(2030, 0, 15, 9, 0, 0);
  return {
    now: () => current,
    advanceSeconds: (seconds) => {
      current += seconds * 1000;
    },
  };
}

/** Starts the auth server on a real loopback port; the origin is known only after listen, hence the slot. */
export async function startAuthServer(
  overrides: Partial<Omit<AuthServerOptions, 'origin' | 'fhirBaseUrl'>> = {},
): Promise<RunningAuthServer> {
  // Filled in once the auth server exists, which needs the port, which needs the listening server.
  const slot: { route?: RouteHandler } = {};
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const answer = slot.route ? slot.route(req, res, url) : Promise.resolve(false);
    answer
      .then((answered) => {
        if (!answered) {
          res.writeHead(404).end();
        }
      })
      .catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${String(port)}`;
  const fhirBaseUrl = `${origin}/fhir`;
  const dataDir = overrides.dataDir ?? (await mkdtemp(join(tmpdir(), 'peerbridge-auth-')));
  const ownsDataDir = overrides.dataDir === undefined;
  const clock = createClock();
  const auth = await createAuthServer({
    origin,
    fhirBaseUrl,
    users: [DANA, MILES],
    clients: [{ clientId: APP_CLIENT_ID, redirectUris: [APP_REDIRECT], clientName: 'PeerBridge (test)' }],
    listPatients: () => Promise.resolve(TEST_PATIENTS),
    now: clock.now,
    ...overrides,
    dataDir,
  });
  slot.route = auth.handle;
  return {
    origin,
    fhirBaseUrl,
    auth,
    clock,
    dataDir,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (ownsDataDir) {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
}

export interface Pkce {
  verifier: string;
  challenge: string;
}

export function createPkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export interface AuthorizeParams {
  [name: string]: string | undefined;
}

/** A valid EHR-launch or standalone authorization request, with any parameter overridden or removed. */
export function authorizeUrl(server: RunningAuthServer, pkce: Pkce, params: AuthorizeParams = {}): string {
  const defaults: AuthorizeParams = {
    response_type: 'code',
    client_id: APP_CLIENT_ID,
    redirect_uri: APP_REDIRECT,
    scope: 'launch/patient openid fhirUser offline_access patient/*.rs',
    state: 'state-7f3c9b2e1a',
    aud: server.fhirBaseUrl,
    code_challenge: pkce.challenge,
    code_challenge_method: 'S256',
  };
  const url = new URL(`${server.origin}/auth/authorize`);
  for (const [name, value] of Object.entries({ ...defaults, ...params })) {
    if (value !== undefined) {
      url.searchParams.set(name, value);
    }
  }
  return url.href;
}

/** GET without following redirects, so the test sees where the server sends the browser. */
export function getManual(url: string): Promise<Response> {
  return fetch(url, { redirect: 'manual' });
}

export function postForm(
  url: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

/** The query of the redirect the server answered with (throws if it did not redirect). */
export function redirectQuery(response: Response): URLSearchParams {
  const location = response.headers.get('location');
  if (location === null) {
    throw new Error(`Expected a redirect, got HTTP ${String(response.status)}`);
  }
  return new URL(location).searchParams;
}

export function redirectTarget(response: Response): string {
  const location = response.headers.get('location') ?? '';
  const url = new URL(location);
  return `${url.origin}${url.pathname}`;
}

/** Runs an EHR launch and returns the authorization code. */
export async function ehrLaunchCode(
  server: RunningAuthServer,
  pkce: Pkce,
  options: { scope?: string; tokenTtlSeconds?: number; nonce?: string; encounter?: string } = {},
): Promise<string> {
  const launch = server.auth.createLaunch({
    userName: DANA.username,
    clientId: APP_CLIENT_ID,
    patient: 'pt-jordan-ellis',
    encounter: options.encounter,
    tokenTtlSeconds: options.tokenTtlSeconds,
  });
  const response = await getManual(
    authorizeUrl(server, pkce, {
      launch,
      scope: options.scope ?? 'launch openid fhirUser offline_access patient/*.rs user/Practitioner.rs',
      nonce: options.nonce,
    }),
  );
  const code = redirectQuery(response).get('code');
  if (code === null) {
    throw new Error(`No code in ${response.headers.get('location') ?? '(no location)'}`);
  }
  return code;
}

export interface TokenResponseBody {
  access_token?: string;
  token_type?: string;
  expires_in?: number;
  scope?: string;
  patient?: string;
  encounter?: string;
  need_patient_banner?: boolean;
  smart_style_url?: string;
  id_token?: string;
  refresh_token?: string;
  error?: string;
  error_description?: string;
}

export async function postToken(
  server: RunningAuthServer,
  fields: Record<string, string>,
): Promise<{
  status: number;
  headers: Headers;
  body: TokenResponseBody;
}> {
  const response = await postForm(`${server.origin}/auth/token`, fields);
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as TokenResponseBody,
  };
}

export function exchangeCode(
  server: RunningAuthServer,
  code: string,
  pkce: Pkce,
): ReturnType<typeof postToken> {
  return postToken(server, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: APP_REDIRECT,
    client_id: APP_CLIENT_ID,
    code_verifier: pkce.verifier,
  });
}

/** The hidden transaction id of an authorization server page. */
export function transactionOf(html: string): string {
  const match = /name="transaction" value="([^"]+)"/.exec(html);
  if (!match?.[1]) {
    throw new Error('The page has no transaction field');
  }
  return match[1];
}
