import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { openPeerSupportTab, signInToEhr } from './support/ehr-page';
import { startTestSandbox } from './support/test-sandbox';

type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;

let sandbox: TestSandbox;
let browser: Browser;

beforeAll(async () => {
  // PeerBridge on another site than the EHR: headless Chromium blocks its storage in the iframe.
  sandbox = await startTestSandbox({ appSite: 'cross-site' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser.close();
  await sandbox.dispose();
});

describe('an EHR frame where the browser blocks third-party storage', () => {
  it('says so, and the offered new window completes the launch for the same patient', async () => {
    const page = await browser.newPage();
    await signInToEhr(page, sandbox.ehrUrl, 'alex.rivera');
    const app = await openPeerSupportTab(page, sandbox.ehrUrl, 'pt-maria-santos');

    const alert = app.getByRole('alert');
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.textContent()).toMatch(/blocking PeerBridge inside the EHR/);

    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      app.getByRole('link', { name: 'Open PeerBridge in a new window' }).click(),
    ]);
    await popup.getByRole('heading', { name: 'Active problems' }).waitFor({ timeout: 15_000 });
    expect(await popup.getByRole('region', { name: 'Recovery goals' }).textContent()).toMatch(/choir/i);
  });
});
