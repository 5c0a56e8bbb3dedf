import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScriptsSandbox } from '../../scripts/support/scripts-sandbox';
import { startScriptsSandbox } from '../../scripts/support/scripts-sandbox';

let sandbox: ScriptsSandbox;
beforeAll(async () => {
  sandbox = await startScriptsSandbox();
});
afterAll(() => sandbox.dispose());

const resetUrl = (): string => new URL('/sandbox/reset', sandbox.ehrUrl).href;
const post = (headers: Record<string, string> = {}): Promise<Response> =>
  fetch(resetUrl(), { method: 'POST', headers });

describe('POST /sandbox/reset', () => {
  it('refuses a reset without the local secret, or with a wrong one, and keeps the data', async () => {
    await sandbox.fhir.internal.add([{ resourceType: 'Patient', id: 'pt-kept' }]);
    expect((await post()).status).toBe(401);
    expect((await post({ Authorization: 'Bearer guessed' })).status).toBe(401);
    expect(await sandbox.fhir.internal.read('Patient', 'pt-kept')).toBeDefined();
  });

  it('resets with the secret the sandbox wrote into its data folder', async () => {
    await sandbox.fhir.internal.add([{ resourceType: 'Patient', id: 'pt-removed' }]);
    const secret = (await readFile(join(sandbox.dataDir, 'reset-secret'), 'utf8')).trim();
    expect(secret).toBe(sandbox.resetSecret);
    const response = await post({ Authorization: `Bearer ${secret}` });
    expect(response.status).toBe(200);
    expect(await sandbox.fhir.internal.read('Patient', 'pt-removed')).toBeUndefined();
  });
});
