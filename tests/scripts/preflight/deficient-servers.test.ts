import type { CapabilityStatement } from 'fhir/r4';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult, CheckStatus } from '../../../scripts/preflight/check-result';
import { preflightCli } from '../../../scripts/preflight/preflight-cli';
import type { PreflightReport } from '../../../scripts/preflight/run-preflight';
import { runCommand } from '../support/run-command';
import {
  completeCapabilityStatement,
  completeSmartConfiguration,
  FAKE_BASE,
  fakeEhrHandlers,
  notFound,
  resourceOf,
  signInPortalPage,
  type FakeEhr,
} from '../support/fake-ehr';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

interface Preflight {
  readonly code: number;
  readonly report: PreflightReport;
  readonly stderr: string;
  readonly find: (id: string) => CheckResult;
}

async function preflightOf(ehr: FakeEhr, base = FAKE_BASE): Promise<Preflight> {
  server.use(...fakeEhrHandlers(ehr, base));
  const run = await runCommand(preflightCli, [base, '--json']);
  const report = JSON.parse(run.stdout) as PreflightReport;
  return {
    code: run.code,
    report,
    stderr: run.stderr,
    find: (id) => {
      const found = report.checks.find((c) => c.id === id);
      if (!found) {
        throw new Error(`No check ${id} in ${report.checks.map((c) => c.id).join(', ')}`);
      }
      return found;
    },
  };
}

function expectCheck(result: CheckResult, status: CheckStatus, detailPart: string): void {
  expect(result.status).toBe(status);
  expect(result.detail).toContain(detailPart);
}

function statementWith(change: (statement: CapabilityStatement) => void): CapabilityStatement {
  const statement = completeCapabilityStatement();
  change(statement);
  return statement;
}

function problems(report: PreflightReport): string[] {
  return report.checks.filter((c) => c.status === 'warn' || c.status === 'fail').map((c) => c.id);
}

describe('preflight against a server that lacks pieces', () => {
  it('passes a server that has everything, and exits 0', async () => {
    const { code, report } = await preflightOf({});
    expect(problems(report)).toEqual([]);
    expect(code).toBe(0);
  });

  it('warns, without failing, about a server whose discovery does not list PKCE S256', async () => {
    const { code, find } = await preflightOf({
      smart: { ...completeSmartConfiguration(), code_challenge_methods_supported: ['plain'] },
    });
    expectCheck(find('smart.pkce-s256'), 'warn', 'plain');
    expect(find('smart.pkce-s256').fix).toContain('PeerBridge sends PKCE S256 anyway');
    expect(code).toBe(0);
  });

  it('fails missing launch capabilities and warns about missing v2 and user permissions', async () => {
    const smart = completeSmartConfiguration();
    const drop = new Set(['launch-ehr', 'context-ehr-patient', 'permission-v2', 'permission-user']);
    smart.capabilities = (smart.capabilities as string[]).filter((c) => !drop.has(c));
    const { code, report, find } = await preflightOf({ smart });
    expect(find('smart.capability.launch-ehr').status).toBe('fail');
    expect(find('smart.capability.context-ehr-patient').status).toBe('fail');
    expectCheck(find('smart.capability.permission-v2'), 'warn', 'falls back to v1 scopes');
    expect(find('smart.capability.permission-user').status).toBe('warn');
    expect(report.summary).toMatchObject({ fail: 2, warn: 2, result: 'fail' });
    expect(code).toBe(1);
  });

  it('warns when refresh tokens are not offered, without failing', async () => {
    const { code, find } = await preflightOf({
      smart: { ...completeSmartConfiguration(), grant_types_supported: ['authorization_code'] },
    });
    expect(find('smart.grant-types').status).toBe('warn');
    expect(code).toBe(0);
  });

  it('fails a token endpoint on plain http away from localhost', async () => {
    const { find } = await preflightOf({
      smart: {
        ...completeSmartConfiguration(),
        token_endpoint: 'http://ehr.example-health.test/oauth2/token',
      },
    });
    expectCheck(find('smart.token-endpoint'), 'fail', 'https');
  });

  it('warns when scopes_supported lists fewer scopes than PeerBridge asks for', async () => {
    const { find } = await preflightOf({
      smart: {
        ...completeSmartConfiguration(),
        scopes_supported: ['openid', 'fhirUser', 'launch', 'patient/*.rs'],
      },
    });
    const scopes = find('smart.scopes-supported');
    expect(scopes.status).toBe('warn');
    expect(scopes.detail).toContain('patient/Encounter.crus');
    expect(scopes.detail).not.toContain('patient/Condition.rs');
  });

  it('warns that saves fall back to conditional creates when transactions are not listed', async () => {
    const metadata = statementWith((s) => {
      const rest = s.rest?.[0];
      if (rest) {
        rest.interaction = [{ code: 'batch' }];
      }
    });
    const { code, find } = await preflightOf({ metadata });
    expectCheck(find('metadata.transaction'), 'warn', 'falls back to ordered conditional creates');
    expect(code).toBe(0);
  });

  it('warns on a server without batch, whose first screen is read with parallel GETs', async () => {
    const metadata = statementWith((s) => {
      const rest = s.rest?.[0];
      if (rest) {
        rest.interaction = [{ code: 'transaction' }];
      }
    });
    const { code, find } = await preflightOf({ metadata });
    expectCheck(find('metadata.batch'), 'warn', 'parallel GETs');
    expect(code).toBe(0);
  });

  it('fails a server that cannot create clinical notes (DocumentReference)', async () => {
    const metadata = statementWith((s) => {
      const note = resourceOf(s, 'DocumentReference');
      note.interaction = note.interaction?.filter((i) => i.code !== 'create');
    });
    const { code, find } = await preflightOf({ metadata });
    expectCheck(find('metadata.resource.DocumentReference'), 'fail', 'create');
    expect(find('metadata.resource.DocumentReference').fix).toContain('DocumentReference');
    expect(code).toBe(1);
  });

  it('only warns when Encounters cannot be created: the details stay in the note', async () => {
    const metadata = statementWith((s) => {
      const encounter = resourceOf(s, 'Encounter');
      encounter.interaction = encounter.interaction?.filter((i) => i.code !== 'create');
    });
    const { code, find } = await preflightOf({ metadata });
    expectCheck(find('metadata.resource.Encounter'), 'warn', 'inside the clinical note');
    expect(code).toBe(0);
  });

  it('only warns when Goals cannot be created', async () => {
    const metadata = statementWith((s) => {
      const goal = resourceOf(s, 'Goal');
      goal.interaction = goal.interaction?.filter((i) => i.code !== 'create');
    });
    const { code, find } = await preflightOf({ metadata });
    expect(find('metadata.resource.Goal').status).toBe('warn');
    expect(code).toBe(0);
  });

  it('fails a resource type the server does not list at all', async () => {
    const metadata = statementWith((s) => {
      const rest = s.rest?.[0];
      if (rest) {
        rest.resource = rest.resource?.filter((r) => r.type !== 'Condition');
      }
    });
    const { find } = await preflightOf({ metadata });
    expectCheck(find('metadata.resource.Condition'), 'fail', 'not listed');
  });

  it('only warns when PractitionerRole is not offered at all, as on Oracle Health', async () => {
    const metadata = statementWith((s) => {
      const rest = s.rest?.[0];
      if (rest) {
        rest.resource = rest.resource?.filter((r) => r.type !== 'PractitionerRole');
      }
    });
    const { find } = await preflightOf({ metadata });
    expectCheck(find('metadata.resource.PractitionerRole'), 'warn', 'peerRoleCodes');
  });

  it('warns about each search parameter and include the server does not declare', async () => {
    const metadata = statementWith((s) => {
      const encounter = resourceOf(s, 'Encounter');
      encounter.searchParam = encounter.searchParam?.filter((p) => p.name !== 'type');
      encounter.searchRevInclude = encounter.searchRevInclude?.filter((r) => r !== 'Provenance:target');
    });
    const { code, report, find } = await preflightOf({ metadata });
    const search = find('metadata.search.Encounter');
    expect(search.status).toBe('warn');
    expect(search.detail).toContain('type (first screen)');
    expect(search.detail).toContain('Provenance:target');
    expect(problems(report)).toEqual(['metadata.search.Encounter']);
    expect(code).toBe(0);
  });

  it('fails a FHIR STU3 server', async () => {
    const metadata = statementWith((s) => {
      (s as { fhirVersion: string }).fhirVersion = '3.0.1';
    });
    const { code, find } = await preflightOf({ metadata });
    expectCheck(find('metadata.fhir-version'), 'fail', '3.0.1');
    expect(code).toBe(1);
  });

  it('warns when conditional create is off or unsaid: retries search before re-posting', async () => {
    const refused = await preflightOf({
      metadata: statementWith((s) => {
        resourceOf(s, 'Observation').conditionalCreate = false;
      }),
    });
    expectCheck(refused.find('metadata.conditional-create'), 'warn', 'Observation');
    expect(refused.find('metadata.conditional-create').detail).toContain('never re-posts');
    const unsaid = await preflightOf({
      metadata: statementWith((s) => {
        delete resourceOf(s, 'Task').conditionalCreate;
      }),
    });
    expectCheck(unsaid.find('metadata.conditional-create'), 'warn', 'Task');
  });

  it('warns when oauth-uris disagree with the SMART configuration', async () => {
    const metadata = statementWith((s) => {
      const uris = s.rest?.[0]?.security?.extension?.[0]?.extension?.find((e) => e.url === 'token');
      if (uris) {
        uris.valueUri = 'https://old-ehr.example-health.test/token';
      }
    });
    const { find } = await preflightOf({ metadata });
    expectCheck(find('metadata.oauth-uris'), 'warn', 'old-ehr');
  });

  it('passes the profile check when the server declares a PeerBridge profile', async () => {
    const metadata = statementWith((s) => {
      resourceOf(s, 'Encounter').supportedProfile = [
        'https://peerbridge.example.org/fhir/StructureDefinition/peer-support-encounter',
      ];
    });
    const { find } = await preflightOf({ metadata });
    expect(find('metadata.profiles').status).toBe('pass');
  });

  it('fails a server without smart-configuration but still checks its CapabilityStatement', async () => {
    const { code, report, find } = await preflightOf({ smart: notFound() });
    expectCheck(find('smart.reachable'), 'fail', 'HTTP 404');
    expect(report.checks.some((c) => c.id === 'smart.pkce-s256')).toBe(false);
    expect(find('metadata.fhir-version').status).toBe('pass');
    expect(code).toBe(1);
  });

  it('says so when a sign-in page answers instead of JSON', async () => {
    const { code, find } = await preflightOf({ smart: signInPortalPage(), metadata: signInPortalPage() });
    expect(find('smart.reachable').detail).toContain('HTML page, not JSON');
    expect(find('metadata.reachable').detail).toContain('HTML page, not JSON');
    expect(code).toBe(1);
  });

  it('reports broken JSON as a fail line', async () => {
    const broken = new HttpResponse('{"issuer": ', { headers: { 'Content-Type': 'application/json' } });
    const { find } = await preflightOf({ smart: broken });
    expectCheck(find('smart.reachable'), 'fail', 'not JSON');
  });

  it('reports an unreachable host in words, without a stack trace', async () => {
    server.use(http.get('https://down.example-health.test/*', () => HttpResponse.error()));
    const run = await runCommand(preflightCli, ['https://down.example-health.test/fhir']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('FAIL    SMART configuration is published');
    expect(run.stdout.replace(/\s+/g, ' ')).toContain(
      'Could not reach https://down.example-health.test/fhir/.well-known/smart-configuration',
    );
    expect(run.stdout).toContain('fix the failures above before go-live');
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/\n\s+at /);
  });

  it('fails an http FHIR base away from localhost', async () => {
    const { find } = await preflightOf({}, FAKE_BASE.replace('https:', 'http:'));
    expect(find('base.https').status).toBe('fail');
  });
});

describe('preflight output', () => {
  it('prints one JSON object with base, checks, summary and the plan', async () => {
    const withoutTransaction = statementWith((s) => {
      const rest = s.rest?.[0];
      if (rest) {
        rest.interaction = [{ code: 'batch' }];
      }
    });
    const { report } = await preflightOf({ metadata: withoutTransaction });
    expect(Object.keys(report).sort()).toEqual(['base', 'checks', 'plan', 'summary']);
    expect(report.base).toBe(FAKE_BASE);
    for (const result of report.checks) {
      expect(Object.keys(result).sort()).toEqual(['detail', 'fix', 'id', 'status', 'title']);
      expect(['pass', 'info', 'warn', 'fail']).toContain(result.status);
      expect(result.fix === '').toBe(result.status === 'pass');
    }
    expect(report.summary).toEqual({
      pass: report.checks.filter((c) => c.status === 'pass').length,
      info: report.checks.filter((c) => c.status === 'info').length,
      warn: report.checks.filter((c) => c.status === 'warn').length,
      fail: report.checks.filter((c) => c.status === 'fail').length,
      result: 'warn',
    });
  });

  it('prints a table with what to do under each problem', async () => {
    server.use(
      ...fakeEhrHandlers({
        smart: { ...completeSmartConfiguration(), code_challenge_methods_supported: [] },
      }),
    );
    const run = await runCommand(preflightCli, [FAKE_BASE]);
    expect(run.stdout).toMatch(/^RESULT {2}CHECK +DETAIL$/m);
    expect(run.stdout).toMatch(/^WARN {4}PKCE with S256 +code_challenge_methods_supported is missing/m);
    expect(run.stdout).toMatch(/^ +To do: PeerBridge sends PKCE S256 anyway/m);
  });

  it('explains its usage and exits 2 without a URL', async () => {
    const run = await runCommand(preflightCli, []);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: npm run preflight -- <FHIR base URL>');
  });
});
