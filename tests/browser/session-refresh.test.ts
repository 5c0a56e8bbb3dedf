import { describe, expect, it } from 'vitest';
import { openPeerSupportTab, signInToEhr } from './support/ehr-page';
import { useBrowserSuite } from './support/browser-suite';

const suite = useBrowserSuite();

describe('an expired session', () => {
  it('is refreshed with the refresh token, and the app keeps working', async () => {
    const page = await suite.browser.newPage();
    await signInToEhr(page, suite.sandbox.ehrUrl, 'alex.rivera');
    // The EHR issues 2-second access tokens for this launch.
    const app = await openPeerSupportTab(page, suite.sandbox.ehrUrl, 'pt-maria-santos', '?tokenTtl=2');
    await app.getByRole('heading', { name: 'Active problems' }).waitFor({ timeout: 15_000 });
    const issuedAt = Date.now();

    const refreshGrants: string[] = [];
    page.on('request', (request) => {
      if (
        request.url().includes('/auth/token') &&
        (request.postData() ?? '').includes('grant_type=refresh_token')
      ) {
        refreshGrants.push(request.url());
      }
    });
    // Wait for the access token to expire on the server's clock, then reload the app in its frame.
    await expect.poll(() => Date.now() - issuedAt > 2_500, { timeout: 10_000, interval: 250 }).toBe(true);
    const frame = page.frames().find((f) => f.url().startsWith(suite.sandbox.appOrigin));
    await frame?.evaluate(() => {
      window.location.reload();
    });

    await app.getByRole('heading', { name: 'Active problems' }).waitFor({ timeout: 15_000 });
    expect(await app.getByRole('alert').count()).toBe(0);
    expect(refreshGrants.length).toBeGreaterThan(0);
  });
});
