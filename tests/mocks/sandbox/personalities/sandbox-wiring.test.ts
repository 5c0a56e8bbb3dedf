import type { CapabilityStatement } from 'fhir/r4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScriptsSandbox } from '../../../scripts/support/scripts-sandbox';
import { startScriptsSandbox } from '../../../scripts/support/scripts-sandbox';

describe('startSandbox({ ehr: "oracle" })', () => {
  let sandbox: ScriptsSandbox;
  beforeAll(async () => {
    sandbox = await startScriptsSandbox({ ehr: 'oracle' });
  });
  afterAll(() => sandbox.dispose());

  it('says which personality runs', () => {
    expect(sandbox.ehr).toBe('oracle');
  });

  it('serves the personality\u2019s statement with the sandbox\u2019s SMART endpoints', async () => {
    const response = await fetch(`${sandbox.fhirBaseUrl}/metadata`);
    const statement = (await response.json()) as CapabilityStatement;
    const rest = statement.rest?.[0];
    expect(statement.publisher).toBe('Cerner');
    expect(rest?.resource?.some((r) => r.type === 'PractitionerRole')).toBe(false);
    const oauth = rest?.security?.extension?.[0]?.extension?.find((e) => e.url === 'token');
    expect(oauth?.valueUri).toBe(sandbox.auth.endpoints.token);
  });

  it('serves the personality\u2019s SMART discovery', async () => {
    const response = await fetch(`${sandbox.fhirBaseUrl}/.well-known/smart-configuration`);
    const config = (await response.json()) as Record<string, unknown>;
    expect(config.capabilities).not.toContain('permission-v2');
    expect(config.authorization_endpoint).toBe(sandbox.auth.endpoints.authorize);
  });
});

describe('startSandbox() without ehr', () => {
  it('runs the open personality', async () => {
    const sandbox = await startScriptsSandbox();
    try {
      const statement = (await (
        await fetch(`${sandbox.fhirBaseUrl}/metadata`)
      ).json()) as CapabilityStatement;
      expect(sandbox.ehr).toBe('open');
      expect(statement.rest?.[0]?.interaction?.map((i) => i.code)).toEqual(['transaction', 'batch']);
    } finally {
      await sandbox.dispose();
    }
  });
});
