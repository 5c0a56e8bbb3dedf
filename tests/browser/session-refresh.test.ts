import type { Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readAppAccessToken } from './support/app-tokens';
import { openPeerSupportTab, signInToEhr } from './support/ehr-page';
import { useBrowserSuite } from './support/browser-suite';

const suite = useBrowserSuite();

function isRefreshGrant(request: Request): boolean {
  return (
    request.url().includes('/auth/token') && (request.postData() ?? '').includes('grant_type=refresh_token')
  );
}

describe('an expired session', () => {
  it('is refreshed with the refresh token, and the app keeps working', async () => {
    const page = await suite.browser.newPage();
    // Listening before the launch: on a busy machine the app may need its refresh before the reload.
    const refreshGrant = page.waitForRequest(isRefreshGrant, { timeout: 60_000 });
    await signInToEhr(page, suite.sandbox.ehrUrl, 'alex.rivera');
    // The EHR issues 2-second access tokens for this launch.
    const app = await openPeerSupportTab(page, suite.sandbox.ehrUrl, 'pt-maria-santos', '?tokenTtl=2');
    await app.getByRole('heading', { name: 'Active problems' }).waitFor({ timeout: 15_000 });
    const firstToken = await readAppAccessToken(page, suite.sandbox.appOrigin);

    // Until the server itself calls the app's first token expired (its state, not a guess at time).
    await expect
      .poll(
        async () => {
          const check = await suite.sandbox.auth.verifyAccessToken(`Bearer ${firstToken}`);
          return check.ok ? 'valid' : check.reason;
        },
        { timeout: 15_000 },
      )
      .toBe('expired');

    // Then reload the app in its frame: it starts over on the expired token and must refresh it.
    const frame = page.frames().find((f) => f.url().startsWith(suite.sandbox.appOrigin));
    await Promise.all([
      page.waitForEvent('framenavigated', { predicate: (navigated) => navigated === frame }),
      frame?.evaluate(() => {
        window.location.reload();
      }),
    ]);
    await refreshGrant;
    await app.getByRole('heading', { name: 'Active problems' }).waitFor({ timeout: 15_000 });
    expect(await app.getByRole('alert').count()).toBe(0);
  });
});
