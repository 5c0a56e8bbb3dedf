import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { RegistrationSheet } from '../../../registration/registration-sheet';
import { requestedScope } from '../../../launch/scopes';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const run = promisify(execFile);

/** Runs the script as `npm run registration` does, without npm's banner on stdout. */
async function registration(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, ['--import', 'tsx', 'scripts/registration-sheet/index.ts', ...args], {
    cwd: ROOT,
  });
}

describe('npm run registration', () => {
  it('prints the sheet as JSON with --json, for the given base URL', async () => {
    const { stdout } = await registration(
      '--json',
      '--base-url',
      'https://apps.example-hospital.org/peerbridge/',
    );
    const sheet = JSON.parse(stdout) as RegistrationSheet;
    expect(sheet.launchUrl).toBe('https://apps.example-hospital.org/peerbridge/launch/');
    expect(sheet.redirectUris).toEqual(['https://apps.example-hospital.org/peerbridge/']);
    expect(sheet.scopes.requested.v2.ehr).toBe(requestedScope('v2', 'ehr'));
    expect(sheet.writes.profiles.length).toBeGreaterThan(0);
  });

  it('prints Markdown by default, with the placeholder base URL', async () => {
    const { stdout } = await registration();
    expect(stdout).toMatch(/^# PeerBridge: app registration sheet/);
    expect(stdout).toContain('`https://<your host>/peerbridge/launch/`');
  });

  it('exits with 2 and says why for a base URL that is not https', async () => {
    await expect(registration('--base-url', 'http://apps.example-hospital.org/')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('must use https') as unknown,
    });
  });
});
