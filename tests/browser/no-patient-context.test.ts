import { describe, expect, it } from 'vitest';
import { seedUser } from './support/ehr-page';
import { useBrowserSuite } from './support/browser-suite';

// IT configured scopes without a patient context: the launch succeeds but names no patient.
const suite = useBrowserSuite({
  sandbox: { issuerScope: 'openid fhirUser online_access user/Practitioner.rs' },
});

describe('a launch without a patient in context', () => {
  it('says a patient is needed instead of showing an empty page', async () => {
    const page = await suite.browser.newPage();
    const launch = new URL(suite.sandbox.launchUrl);
    launch.searchParams.set('iss', suite.sandbox.fhirBaseUrl);
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
