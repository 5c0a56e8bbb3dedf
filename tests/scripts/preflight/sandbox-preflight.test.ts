import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preflightCli } from '../../../scripts/preflight/preflight-cli';
import type { PreflightReport } from '../../../scripts/preflight/run-preflight';
import { runCommand } from '../support/run-command';
import { runScript } from '../support/run-script';
import { startScriptsSandbox, type ScriptsSandbox } from '../support/scripts-sandbox';

let sandbox: ScriptsSandbox;
beforeAll(async () => {
  sandbox = await startScriptsSandbox();
});
afterAll(async () => {
  await sandbox.dispose();
});

async function reportFor(...argv: string[]): Promise<{ code: number; report: PreflightReport }> {
  const run = await runCommand(preflightCli, [sandbox.fhirBaseUrl, '--json', ...argv]);
  return { code: run.code, report: JSON.parse(run.stdout) as PreflightReport };
}

describe('preflight against the sandbox EHR', () => {
  it('passes every check and exits 0', async () => {
    const { code, report } = await reportFor();
    const notPassed = report.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}: ${c.status}`);
    // The sandbox stores PeerBridge's resources as plain R4; that is information, not a problem.
    expect(notPassed).toEqual(['metadata.profiles: info']);
    expect(report.summary.result).toBe('pass');
    expect(code).toBe(0);
  });

  it('checks every resource type, capability and search PeerBridge relies on', async () => {
    const { report } = await reportFor();
    const ids = report.checks.map((c) => c.id);
    for (const type of [
      'Patient',
      'Condition',
      'Goal',
      'CareTeam',
      'Encounter',
      'Observation',
      'Provenance',
      'Task',
    ]) {
      expect(ids).toContain(`metadata.resource.${type}`);
    }
    expect(ids).toEqual(
      expect.arrayContaining([
        'smart.pkce-s256',
        'smart.capability.launch-ehr',
        'smart.capability.permission-v2',
        'metadata.transaction',
        'metadata.conditional-create',
        'metadata.search.Encounter',
        'metadata.oauth-uris',
      ]),
    );
  });

  it('accepts the pre-registered client id and refuses an unknown one', async () => {
    const known = await reportFor('--client-id', sandbox.clientId, '--redirect-uri', `${sandbox.appOrigin}/`);
    expect(known.report.checks.find((c) => c.id === 'auth.client-id')?.status).toBe('pass');
    expect(known.code).toBe(0);

    const unknown = await reportFor(
      '--client-id',
      'not-registered',
      '--redirect-uri',
      `${sandbox.appOrigin}/`,
    );
    const check = unknown.report.checks.find((c) => c.id === 'auth.client-id');
    expect(check?.status).toBe('fail');
    expect(check?.detail).toContain('not-registered');
    expect(unknown.code).toBe(1);
  });

  it('runs as npm run preflight does, printing the table and exiting 0', async () => {
    const run = await runScript('scripts/preflight/index.ts', [sandbox.fhirBaseUrl]);
    expect(run.stdout).toContain(`PeerBridge preflight for ${sandbox.fhirBaseUrl}`);
    expect(run.stdout).toMatch(/0 warn, 0 fail: ready for PeerBridge\./);
    expect(run.code).toBe(0);
  });

  it('exits 1 as a command when a check fails', async () => {
    const run = await runScript('scripts/preflight/index.ts', [sandbox.ehrUrl]);
    expect(run.stdout).toContain('fix the failures above before go-live');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
  });
});
