import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandIo } from '../../scripts/cli/command-io';
import { preflightCli } from '../../scripts/preflight/preflight-cli';
import { registerCli } from '../../scripts/dynamic-registration/register-cli';
import { useBrowserSuite } from './support/browser-suite';
import { openPeerSupportTab, signInToEhr } from './support/ehr-page';

// The deployed runtime configuration starts empty, as on a fresh install.
const folder = await mkdtemp(join(tmpdir(), 'peerbridge-go-live-'));
const configFile = join(folder, 'peerbridge.config.json');
await writeFile(configFile, JSON.stringify({ issuers: [] }));

const suite = useBrowserSuite({ sandbox: { runtimeConfigFile: configFile }, contextPerTest: true });

function capturingIo(): CommandIo & { readonly output: () => string } {
  let text = '';
  return {
    stdout: (chunk) => {
      text += chunk;
    },
    stderr: (chunk) => {
      text += chunk;
    },
    output: () => text,
  };
}

describe('an IT person taking PeerBridge live on a SMART EHR', () => {
  it('checks the server, registers PeerBridge dynamically and launches it behind its CSP', async () => {
    const { sandbox } = suite;
    try {
      // Before registration the EHR is not in the configuration: the launch is refused (and its
      // CSP would not even let the EHR frame the app).
      const before = await suite.context.newPage();
      const launch = new URL(sandbox.launchUrl);
      launch.searchParams.set('iss', sandbox.fhirBaseUrl);
      await before.goto(launch.href);
      await expect
        .poll(() => before.getByRole('alert').textContent())
        .toMatch(/not allowed to open PeerBridge/);

      const preflight = capturingIo();
      expect(await preflightCli([sandbox.fhirBaseUrl], preflight)).toBe(0);

      const register = capturingIo();
      const registered = await registerCli(
        [
          sandbox.fhirBaseUrl,
          '--config',
          configFile,
          '--redirect-uri',
          `${sandbox.appOrigin}/`,
          '--label',
          'Sandbox EHR',
        ],
        register,
      );
      expect(registered).toBe(0);
      const config = JSON.parse(await readFile(configFile, 'utf8')) as {
        issuers: { iss: string; clientId: string }[];
      };
      const clientId = config.issuers.find((issuer) => issuer.iss === sandbox.fhirBaseUrl)?.clientId ?? '';
      expect(clientId).not.toBe('');
      expect(clientId).not.toBe(sandbox.clientId);

      // A new sign-in at the EHR, as after the change window.
      const page = await (await suite.browser.newContext()).newPage();
      const authorize = page.waitForRequest((request) => request.url().includes('/auth/authorize'));
      const appPage = page.waitForResponse((response) =>
        response.url().startsWith(`${sandbox.appOrigin}/launch/`),
      );
      await signInToEhr(page, sandbox.ehrUrl, 'alex.rivera');
      const app = await openPeerSupportTab(page, sandbox.ehrUrl, 'pt-maria-santos');
      expect(new URL((await authorize).url()).searchParams.get('client_id')).toBe(clientId);
      expect((await appPage).headers()['content-security-policy']).toContain('frame-ancestors');
      await app.getByRole('heading', { name: 'Active problems' }).waitFor({ timeout: 15_000 });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
