/**
 * Preflight prints the write plan and the reads for each sandbox personality, computed from the
 * server's own CapabilityStatement by the app's write plan.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxOptions } from '../../../mocks/sandbox/server';
import { preflightCli } from '../../../scripts/preflight/preflight-cli';
import type { PreflightReport } from '../../../scripts/preflight/run-preflight';
import { runCommand } from '../support/run-command';
import { startScriptsSandbox, type ScriptsSandbox } from '../support/scripts-sandbox';

type Ehr = NonNullable<SandboxOptions['ehr']>;

function onPersonality(ehr: Ehr): { table(): Promise<string>; json(): Promise<PreflightReport> } {
  let sandbox: ScriptsSandbox;
  beforeAll(async () => {
    sandbox = await startScriptsSandbox({ ehr });
  });
  afterAll(async () => {
    await sandbox.dispose();
  });
  return {
    async table() {
      return (await runCommand(preflightCli, [sandbox.fhirBaseUrl])).stdout.replace(/\s+/g, ' ');
    },
    async json() {
      const run = await runCommand(preflightCli, [sandbox.fhirBaseUrl, '--json']);
      return JSON.parse(run.stdout) as PreflightReport;
    },
  };
}

describe('preflight plan on the open server', () => {
  const server = onPersonality('open');

  it('prints a note and every structured part in one transaction of conditional creates', async () => {
    const table = await server.table();
    expect(table).toContain('WHAT A SAVE WRITES AND WHAT THE APP READS ON THIS SERVER');
    expect(table).toContain('Only in the note nothing');
    expect(table).toContain('Follow-up a Task');
    expect(table).toContain('How one transaction (all or nothing); conditional create (If-None-Exist) on');
    expect(table).toContain('First screen reads one batch request');
    expect(table).not.toContain('Listed, refused at runtime');
  });

  it('gives the plan in the JSON output', async () => {
    const { plan } = await server.json();
    expect(plan?.write.structured).toEqual([
      'goals',
      'encounter',
      'questionnaire-responses',
      'observations',
      'task',
      'provenance',
    ]);
    expect(plan?.write.method).toBe('transaction');
    expect(plan?.reads).toMatchObject({ patientContext: 'batch', practitionerRole: true });
    expect(plan?.reads.revIncludeNotListed).toEqual([]);
  });
});

describe('preflight plan on the Epic personality', () => {
  const server = onPersonality('epic');

  it('prints a note only, one request per resource, with the structured record inside the note', async () => {
    const table = await server.table();
    expect(table).toContain('Structured parts none');
    expect(table).toContain('Only in the note Goal (goals the person names), Encounter (the peer contact)');
    expect(table).toContain('How one request per resource, the clinical note first');
    expect(table).toContain('no conditional create');
    expect(table).toContain('The peer sees This EHR will receive: a clinical note;');
  });

  it('says which listed writes Epic refuses at runtime', async () => {
    const table = await server.table();
    expect(table).toContain('Observation create: the vendor accepts vital signs only');
    expect(table).toContain(
      'Communication create: the vendor accepts community-resource referral messages only',
    );
    const { plan } = await server.json();
    expect(plan?.vendor).toBe('epic');
    expect(plan?.runtimeRefusals.find((r) => r.resourceType === 'Observation')?.planned).toBe(false);
    expect(plan?.runtimeRefusals.find((r) => r.resourceType === 'Communication')?.planned).toBe(true);
  });

  it('prints parallel reads and no _revinclude', async () => {
    const table = await server.table();
    expect(table).toMatch(/First screen reads \d+ GETs in parallel \(no batch listed;/);
    expect(table).toContain('_revinclude listed none');
    expect(table).toContain('PractitionerRole offered');
  });
});

describe('preflight plan on the Oracle Health personality', () => {
  const server = onPersonality('oracle');

  it('prints the note, the structured parts Oracle lists and a Communication follow-up, with v1 scopes', async () => {
    const table = await server.table();
    expect(table).toContain('Scopes assumed granted everything PeerBridge requests (SMART v1)');
    expect(table).toContain(
      'Only in the note Goal (goals the person names), QuestionnaireResponse (instrument answers item by item), Task (follow-up request)',
    );
    expect(table).toContain('Follow-up a Communication to the chosen practitioner');
    expect(table).toContain('How one request per resource');
  });

  it('says Oracle refuses PeerBridge observations and draft notes at runtime', async () => {
    const table = await server.table();
    expect(table).toContain(
      'Observation create: the vendor accepts categories vital-signs or laboratory only',
    );
    expect(table).toContain('DocumentReference create: the vendor accepts docStatus final only');
    const { plan } = await server.json();
    expect(plan?.vendor).toBe('oracle');
    expect(plan?.runtimeRefusals.every((refusal) => refusal.planned)).toBe(true);
  });

  it('prints the one listed _revinclude and no PractitionerRole', async () => {
    const { plan } = await server.json();
    expect(plan?.reads.revIncludeListed).toEqual(['Encounter?_revinclude=Provenance:target']);
    expect(plan?.reads.practitionerRole).toBe(false);
    expect(await server.table()).toContain('PractitionerRole not offered');
  });
});
