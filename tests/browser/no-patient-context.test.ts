import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { seedUser } from './support/ehr-page';
import { startTestSandbox } from './support/test-sandbox';

type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;

let sandbox: TestSandbox;
let browser: Browser;

beforeAll(async () => {
  // IT configured scopes without a patient context: the launch succeeds but names no patient.
  sandbox = await startTestSandbox({ issuerScope: 'openid fhirUser online_access user/Practitioner.rs' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser.close();
  await sandbox.dispose();
});

describe('a launch without a patient in context', () => {
  it('says a patient is needed instead of showing an empty page', async () => {
    const page = await browser.newPage();
    const launch = new URL(sandbox.launchUrl);
    launch.searchParams.set('iss', sandbox.fhirBaseUrl);
    await page.goto(launch.href);
    const user = seedUser('sam.okafor');
    await page.getByLabel('Username').fill(user.username);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Allow' }).click();

    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.textContent()).toMatch(/No patient selected/);
    expect(await alert.getByRole('link', { name: /sign in to PeerBridge again/i }).count()).toBe(1);
  });
});
