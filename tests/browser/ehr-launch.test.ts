import type { Condition, Goal } from 'fhir/r4';
import type { FrameLocator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPeerSupportTab, signInToEhr } from './support/ehr-page';
import { useBrowserSuite } from './support/browser-suite';

const suite = useBrowserSuite({ contextPerTest: true });

async function expectPatientContext(app: FrameLocator): Promise<void> {
  await app.getByRole('heading', { name: 'Active problems' }).waitFor({ timeout: 15_000 });
  const problems = app.getByRole('region', { name: 'Active problems' });
  await expect.poll(() => problems.textContent()).toMatch(/depress/i);
  await expect
    .poll(() => app.getByRole('region', { name: 'Recovery goals' }).textContent())
    .toMatch(/choir/i);
  await expect
    .poll(() => app.getByRole('region', { name: 'Care team' }).textContent())
    .toMatch(/Alex Rivera/);
  await expect
    .poll(() => app.getByRole('region', { name: 'Recent clinical encounters' }).locator('li').count())
    .toBeGreaterThan(0);
}

const HOSTILE_PROBLEM = '<img src=x onerror="window.__pwned = 1">Hostile <b>problem</b>';
const HOSTILE_GOAL = '<script>window.__pwned = 2</script>"; DROP TABLE goals; --';

describe('EHR launch inside the chart', () => {
  it('shows a peer specialist the patient, their role and the patient context', async () => {
    const page = await suite.context.newPage();
    await signInToEhr(page, suite.sandbox.ehrUrl, 'alex.rivera');
    const app = await openPeerSupportTab(page, suite.sandbox.ehrUrl, 'pt-maria-santos');

    await expectPatientContext(app);
    const user = app.getByLabel('Signed in');
    await expect.poll(() => user.textContent()).toMatch(/Alex Rivera/);
    await expect.poll(() => user.textContent()).toMatch(/Peer specialist/);
  });

  it('shows a clinician their clinician role for the same patient', async () => {
    const page = await suite.context.newPage();
    await signInToEhr(page, suite.sandbox.ehrUrl, 'sam.okafor');
    const app = await openPeerSupportTab(page, suite.sandbox.ehrUrl, 'pt-maria-santos');

    await expectPatientContext(app);
    const user = app.getByLabel('Signed in');
    await expect.poll(() => user.textContent()).toMatch(/Sam Okafor/);
    await expect.poll(() => user.textContent()).toMatch(/Clinician/);
  });

  it('leaves the patient banner to the EHR when the token says need_patient_banner is false', async () => {
    const page = await suite.context.newPage();
    await signInToEhr(page, suite.sandbox.ehrUrl, 'alex.rivera');
    const app = await openPeerSupportTab(page, suite.sandbox.ehrUrl, 'pt-maria-santos');

    await expectPatientContext(app);
    expect(await app.getByRole('region', { name: 'Patient' }).count()).toBe(0);
  });

  it('loads the context in one FHIR request and keeps the tokens out of the address bar', async () => {
    // Besides the context batch, the peer view reads /metadata in the background (how to save).
    const page = await suite.context.newPage();
    const fhirRequests: string[] = [];
    page.on('request', (request) => {
      if (
        request.url().startsWith(suite.sandbox.fhirBaseUrl) &&
        !request.url().includes('.well-known') &&
        !request.url().endsWith('/metadata') &&
        request.method() !== 'OPTIONS'
      ) {
        fhirRequests.push(`${request.method()} ${request.url()}`);
      }
    });
    await signInToEhr(page, suite.sandbox.ehrUrl, 'alex.rivera');
    const app = await openPeerSupportTab(page, suite.sandbox.ehrUrl, 'pt-maria-santos');
    await expectPatientContext(app);

    expect(fhirRequests).toEqual([`POST ${suite.sandbox.fhirBaseUrl}`]);
    // Only the launch's own `state` stays: it is how a reload finds this launch, not a credential.
    const frame = page.frames().find((f) => f.url().startsWith(suite.sandbox.appOrigin));
    const address = new URL(frame?.url() ?? 'about:blank');
    expect(`${address.origin}${address.pathname}`).toBe(`${suite.sandbox.appOrigin}/`);
    expect([...address.searchParams.keys()]).toEqual(['state']);
  });

  it('shows hostile text from the record as text, never as HTML', async () => {
    await suite.sandbox.fhir.internal.add([
      {
        resourceType: 'Condition',
        id: 'cond-hostile',
        subject: { reference: 'Patient/pt-ruth-adams' },
        clinicalStatus: {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }],
        },
        code: { text: HOSTILE_PROBLEM },
      } as Condition,
      {
        resourceType: 'Goal',
        id: 'goal-hostile',
        lifecycleStatus: 'active',
        subject: { reference: 'Patient/pt-ruth-adams' },
        description: { text: HOSTILE_GOAL },
      } as Goal,
    ]);
    const page = await suite.context.newPage();
    await signInToEhr(page, suite.sandbox.ehrUrl, 'alex.rivera');
    const app = await openPeerSupportTab(page, suite.sandbox.ehrUrl, 'pt-ruth-adams');
    await app.getByRole('heading', { name: 'Active problems' }).waitFor({ timeout: 15_000 });

    const problems = app.getByRole('region', { name: 'Active problems' });
    await expect.poll(() => problems.textContent()).toContain(HOSTILE_PROBLEM);
    expect(await problems.locator('img, b').count()).toBe(0);
    expect(await app.getByRole('region', { name: 'Recovery goals' }).textContent()).toContain(HOSTILE_GOAL);
    const frame = page.frames().find((f) => f.url().startsWith(suite.sandbox.appOrigin));
    expect(await frame?.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  });
});
