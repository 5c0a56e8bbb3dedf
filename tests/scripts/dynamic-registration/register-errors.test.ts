import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NO_DYNAMIC_REGISTRATION, registerCli } from '../../../scripts/dynamic-registration/register-cli';
import { completeSmartConfiguration, FAKE_BASE, FAKE_ORIGIN, notFound } from '../support/fake-ehr';
import { runCommand } from '../support/run-command';

const REGISTER_URL = `${FAKE_ORIGIN}/oauth2/register`;
const REDIRECT = 'https://peerbridge.example-health.test/';
const EXISTING = `${JSON.stringify({ issuers: [{ iss: FAKE_BASE, clientId: 'registered-by-hand' }] }, null, 2)}\n`;

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

let folder: string;
let configPath: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'peerbridge-register-'));
  configPath = join(folder, 'peerbridge.config.json');
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

function serveSmartConfiguration(smart: Record<string, unknown> | Response): void {
  server.use(
    http.get(`${FAKE_BASE}/.well-known/smart-configuration`, () =>
      smart instanceof Response ? smart : HttpResponse.json(smart),
    ),
  );
}

function register(...extra: string[]) {
  return runCommand(registerCli, [FAKE_BASE, '--config', configPath, '--redirect-uri', REDIRECT, ...extra]);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

describe('npm run register against servers that cannot register PeerBridge', () => {
  it('exits 2 with the way forward when the server offers no registration endpoint', async () => {
    const { registration_endpoint: _omitted, ...smart } = completeSmartConfiguration();
    serveSmartConfiguration(smart);
    const run = await register();
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(NO_DYNAMIC_REGISTRATION);
    expect(run.stderr).toContain('npm run registration');
    expect(await exists(configPath)).toBe(false);
  });

  it('reports the server’s registration error and leaves the configuration untouched', async () => {
    await writeFile(configPath, EXISTING);
    serveSmartConfiguration(completeSmartConfiguration());
    server.use(
      http.post(REGISTER_URL, () =>
        HttpResponse.json(
          {
            error: 'invalid_redirect_uri',
            error_description: 'Redirect URIs must be on an approved domain.',
          },
          { status: 400 },
        ),
      ),
    );
    const run = await register();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('invalid_redirect_uri: Redirect URIs must be on an approved domain.');
    expect(await readFile(configPath, 'utf8')).toBe(EXISTING);
  });

  it('reports an HTML answer from the registration endpoint in words', async () => {
    serveSmartConfiguration(completeSmartConfiguration());
    server.use(
      http.post(REGISTER_URL, () =>
        HttpResponse.html('<html><body>Gateway error</body></html>', { status: 502 }),
      ),
    );
    const run = await register();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('HTTP 502 with an HTML page');
    expect(await exists(configPath)).toBe(false);
  });

  it('fails clearly when the server has no SMART configuration', async () => {
    serveSmartConfiguration(notFound());
    const run = await register();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('answered HTTP 404');
    expect(run.stderr).toContain(`npm run preflight -- ${FAKE_BASE}`);
  });

  it('asks for the redirect URI when the server is not on this machine, before any request', async () => {
    const run = await runCommand(registerCli, [FAKE_BASE, '--config', configPath]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Give --redirect-uri');
  });

  it('asks for a public client with PKCE and without SMART scopes, and writes what it got', async () => {
    await mkdir(folder, { recursive: true });
    serveSmartConfiguration(completeSmartConfiguration());
    let sent: unknown;
    server.use(
      http.post(REGISTER_URL, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(
          {
            client_id: 'c0ffee-test',
            redirect_uris: [REDIRECT],
            token_endpoint_auth_method: 'none',
            grant_types: ['authorization_code', 'refresh_token'],
          },
          { status: 201 },
        );
      }),
    );
    const run = await register('--label', 'Example Health test');
    expect(sent).toEqual({
      client_name: 'PeerBridge',
      redirect_uris: [REDIRECT],
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(await readFile(configPath, 'utf8'))).toEqual({
      issuers: [{ iss: FAKE_BASE, clientId: 'c0ffee-test', label: 'Example Health test' }],
    });
  });
});
