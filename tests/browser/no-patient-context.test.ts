import { describe, expect, it } from 'vitest';
import { seedUser } from './support/ehr-page';
import { useBrowserSuite } from './support/browser-suite';

// IT configured scopes without a patient context and without the user-level reads "My people" needs:
// the launch succeeds, names no patient, and PeerBridge says which scopes IT must grant.
const suite = useBrowserSuite({
  sandbox: { issuerScope: 'openid fhirUser online_access user/Practitioner.rs' },
});

describe('a launch without a patient in context', () => {
  it('names the user-level scopes IT must grant instead of showing an empty page', async () => {
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
    const text = (await alert.textContent()) ?? '';
    expect(text).toMatch(/has not given PeerBridge access to your people/);
    expect(text).toContain('user/CareTeam.rs');
    expect(text).toContain('user/Patient.rs');
    expect(await alert.getByRole('link', { name: /sign in to PeerBridge again/i }).count()).toBe(1);
  });
});
