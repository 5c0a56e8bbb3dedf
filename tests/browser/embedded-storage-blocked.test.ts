import { describe, expect, it } from 'vitest';
import { openPeerSupportTab, signInToEhr } from './support/ehr-page';
import { useBrowserSuite } from './support/browser-suite';

// PeerBridge on another site than the EHR: headless Chromium blocks its storage in the iframe.
const suite = useBrowserSuite({ sandbox: { appSite: 'cross-site' } });

describe('an EHR frame where the browser blocks third-party storage', () => {
  it('says so, and the offered new window completes the launch for the same patient', async () => {
    const page = await suite.browser.newPage();
    await signInToEhr(page, suite.sandbox.ehrUrl, 'alex.rivera');
    const app = await openPeerSupportTab(page, suite.sandbox.ehrUrl, 'pt-maria-santos');

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
