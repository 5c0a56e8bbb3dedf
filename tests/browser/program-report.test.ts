/**
 * The program report through a real launch: Alex Rivera opens PeerBridge without a patient (a
 * user-level launch, the scopes IT grants for the home workspace), and the report over the sandbox's
 * FHIR engine holds the hand-worked figures of mocks/fixtures/program-report-fixture.ts, whose people
 * are added to Alex's caseload. The first test reads through the app's own loader with the app's
 * token; the second opens the "Program report" tab, which needs the home workspace shell (launch
 * without a patient -> tabs from HOME_TABS).
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildProgramReportFixture, FIXTURE_RANGE } from '../../mocks/fixtures/program-report-fixture';
import { buildProgramReport } from '../../src/domain/program-report';
import { reportLines } from '../../src/domain/program-report-lines';
import { loadProgramReportInput } from '../../src/fhir/program-report-query';
import { loadServerCapabilities } from '../../src/fhir/server-capabilities';
import { createFhirSession } from '../../src/fhir/smart-session';
import { readAppAccessToken } from './support/app-tokens';
import { axeViolations } from './support/axe';
import { useBrowserSuite } from './support/browser-suite';
import { seedUser } from './support/ehr-page';
import { expectHandWorkedFigures, readReportTable, showReportFor } from './support/report-screen';

/** What IT grants for launches without a patient: the user's people, not one chart. */
const USER_LEVEL_SCOPE = [
  'openid fhirUser online_access',
  'user/Practitioner.rs user/PractitionerRole.rs user/Patient.rs user/CareTeam.rs',
  'user/Encounter.rs user/Observation.rs user/Task.rs',
].join(' ');

const suite = useBrowserSuite({ contextPerTest: true, sandbox: { issuerScope: USER_LEVEL_SCOPE } });

beforeAll(async () => {
  await suite.sandbox.fhir.internal.add(buildProgramReportFixture());
});

/** A standalone launch without a patient, signed in as Alex Rivera; waits until the app holds a token. */
async function launchAsAlex(page: Page): Promise<string> {
  const launch = new URL(suite.sandbox.launchUrl);
  launch.searchParams.set('iss', suite.sandbox.fhirBaseUrl);
  await page.goto(launch.href);
  const user = seedUser('alex.rivera');
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Allow' }).click();
  await page.waitForURL((url) => url.origin === suite.sandbox.appOrigin);
  let token = '';
  await expect
    .poll(
      async () => {
        token = await readAppAccessToken(page, suite.sandbox.appOrigin);
        return token;
      },
      { timeout: 15_000 },
    )
    .not.toBe('');
  return token;
}

describe('the program report after a user-level launch', () => {
  it('reads the hand-worked figures from the sandbox with the token the launch granted', async () => {
    const page = await suite.context.newPage();
    const token = await launchAsAlex(page);
    const session = createFhirSession({
      state: { serverUrl: suite.sandbox.fhirBaseUrl, tokenResponse: { access_token: token } },
      getAuthorizationHeader: () => `Bearer ${token}`,
      getFhirUser: () => 'Practitioner/pr-alex-rivera',
      refresh: () => Promise.reject(new Error('no refresh in this test')),
    });
    const load = await loadProgramReportInput(session, {
      userRefs: ['Practitioner/pr-alex-rivera', 'PractitionerRole/role-alex-rivera'],
      range: FIXTURE_RANGE,
      capabilities: await loadServerCapabilities(session),
    });
    if (load.kind !== 'loaded') {
      throw new Error(
        `the sandbox could not supply the report: ${load.gaps.map((g) => g.message).join(' ')}`,
      );
    }
    expect(load.complete).toBe(true);
    expect(load.input.gaps).toEqual([]);
    // Alex's whole caseload (the seed's people and the fixture's three), a group of 20 per search.
    expect(load.requests).toBeLessThanOrEqual(12);
    const rows = reportLines(buildProgramReport(load.input)).map(
      (l) => `${l.section} | ${l.figure} | ${l.value} | ${l.basis}`,
    );
    expectHandWorkedFigures(rows);
  });

  // Needs the home workspace shell (h-caseload): a launch without a patient shows the HOME_TABS.
  it('shows the figures in the Program report tab, downloads them as CSV and has no axe-core violations', async () => {
    const page = await suite.context.newPage();
    await launchAsAlex(page);
    await page.getByRole('tab', { name: 'Program report' }).click({ timeout: 15_000 });
    await showReportFor(page, FIXTURE_RANGE);
    expectHandWorkedFigures(await readReportTable(page));

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('peerbridge-program-report-2024-01-01-to-2024-03-31.csv');
    const csv = await readFile(await file.path(), 'utf8');
    expect(csv).toContain('Billing,Billable units (15 minutes),20,6 contacts with a length\r\n');
    expect(csv).toContain('Hospital admissions,90 days after first peer contact,1,');

    const violations = await axeViolations(page.mainFrame(), 'html');
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
      [],
    );
  });
});
