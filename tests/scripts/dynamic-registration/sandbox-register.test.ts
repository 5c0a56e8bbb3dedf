import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseRuntimeConfig, type RuntimeConfig } from '../../../launch/runtime-config';
import { registerCli } from '../../../scripts/dynamic-registration/register-cli';
import { runCommand } from '../support/run-command';
import { runScript } from '../support/run-script';
import { startScriptsSandbox, type ScriptsSandbox } from '../support/scripts-sandbox';

const DEV_REDIRECT = 'http://localhost:5173/';
const EPIC_TEST = {
  iss: 'https://fhir.epic-test.example.org/api/FHIR/R4',
  clientId: 'b1f5-epic-test',
  label: 'Epic test',
  scope: 'launch openid fhirUser patient/Patient.read',
};

let sandbox: ScriptsSandbox;
let folder: string;
let configPath: string;
beforeAll(async () => {
  sandbox = await startScriptsSandbox();
});
afterAll(async () => {
  await sandbox.dispose();
});
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'peerbridge-register-'));
  configPath = join(folder, 'public', 'peerbridge.config.json');
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function readConfig(): Promise<RuntimeConfig> {
  return parseRuntimeConfig(JSON.parse(await readFile(configPath, 'utf8')) as unknown);
}

async function seedConfig(text: string): Promise<void> {
  await mkdir(dirname(configPath), { recursive: true });
  await writeFile(configPath, text);
}

function register(...extra: string[]) {
  return runCommand(registerCli, [sandbox.fhirBaseUrl, '--config', configPath, ...extra]);
}

/** A standalone launch's first request, as the app makes it. */
function authorizeUrl(clientId: string): string {
  const verifier = randomBytes(32).toString('base64url');
  const url = new URL(`${new URL(sandbox.fhirBaseUrl).origin}/auth/authorize`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: DEV_REDIRECT,
    scope: 'launch/patient openid fhirUser patient/Patient.rs',
    state: randomBytes(16).toString('base64url'),
    aud: sandbox.fhirBaseUrl,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  return url.href;
}

describe('npm run register against the sandbox EHR', () => {
  it('registers a public client and creates the configuration with the issuer', async () => {
    const run = await register('--label', 'Sandbox EHR');
    expect(run.code).toBe(0);
    const config = await readConfig();
    expect(config.issuers).toHaveLength(1);
    const [entry] = config.issuers;
    expect(entry).toMatchObject({ iss: sandbox.fhirBaseUrl, label: 'Sandbox EHR' });
    expect(run.stdout).toContain(`client_id:     ${entry?.clientId ?? 'missing'}`);
    expect(run.stdout).toContain('no secret');
  });

  it('writes a client id the authorization server accepts for a launch', async () => {
    await register();
    const clientId = (await readConfig()).issuers[0]?.clientId ?? '';
    const response = await fetch(authorizeUrl(clientId), { redirect: 'manual' });
    const page = await response.text();
    expect(response.status).toBe(200);
    expect(page).not.toContain('cannot continue');

    const unknown = await fetch(authorizeUrl('never-registered'), { redirect: 'manual' });
    expect(unknown.status).toBe(400);
  });

  it('updates the issuer on a second run instead of adding another, keeping the other issuers', async () => {
    await register();
    const before = await readConfig();
    await seedConfig(JSON.stringify({ issuers: [EPIC_TEST, ...before.issuers] }));
    const second = await register();
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`Updated issuer ${sandbox.fhirBaseUrl}`);
    const after = await readConfig();
    expect(after.issuers.map((issuer) => issuer.iss)).toEqual([EPIC_TEST.iss, sandbox.fhirBaseUrl]);
    expect(after.issuers[0]).toEqual(EPIC_TEST);
    expect(after.issuers[1]?.clientId).not.toBe(before.issuers[0]?.clientId);
  });

  it('keeps a scope override and label of the issuer it updates', async () => {
    await seedConfig(
      JSON.stringify({
        issuers: [{ iss: `${sandbox.fhirBaseUrl}/`, clientId: 'old', scope: 'launch openid', label: 'Old' }],
      }),
    );
    await register();
    expect((await readConfig()).issuers).toEqual([
      {
        iss: `${sandbox.fhirBaseUrl}/`,
        clientId: expect.not.stringMatching(/^old$/) as unknown,
        scope: 'launch openid',
        label: 'Old',
      },
    ]);
  });

  it('refuses to register when the existing configuration is invalid, and leaves it as it was', async () => {
    const broken = JSON.stringify({ issuers: [{ iss: sandbox.fhirBaseUrl, clientid: 'typo' }] });
    await seedConfig(broken);
    const run = await register();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('issuers[0].clientid is not a known setting');
    expect(run.stderr).toContain('Nothing was registered or written');
    expect(await readFile(configPath, 'utf8')).toBe(broken);
  });

  it('runs as npm run register does and exits 0', async () => {
    const run = await runScript('scripts/dynamic-registration/index.ts', [
      sandbox.fhirBaseUrl,
      '--config',
      configPath,
    ]);
    expect(run.stdout).toContain('Registered PeerBridge at');
    expect(run.code).toBe(0);
    expect((await readConfig()).issuers).toHaveLength(1);
  });
});
