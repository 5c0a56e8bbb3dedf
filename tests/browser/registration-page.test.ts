import { describe, expect, it } from 'vitest';
import { requestedScope } from '../../launch/scopes';
import { useBrowserSuite } from './support/browser-suite';

const suite = useBrowserSuite({ contextPerTest: true });

describe('the registration page of the built app', () => {
  it('shows the launch URL and redirect URI of the host it is served from', async () => {
    const page = await suite.context.newPage();
    await page.goto(`${suite.sandbox.appOrigin}/registration/`);

    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('PeerBridge: app registration sheet');
    const rows = page.getByRole('row');
    await expect
      .poll(() => rows.filter({ hasText: 'Launch URL' }).textContent())
      .toContain(suite.sandbox.launchUrl);
    await expect
      .poll(() => rows.filter({ hasText: 'Redirect URI' }).textContent())
      .toContain(`${suite.sandbox.appOrigin}/`);
  });

  it('lists every scope and the profiles, under the deployed Content-Security-Policy', async () => {
    const page = await suite.context.newPage();
    const refusals: string[] = [];
    page.on('console', (message) => {
      if (/content security policy/i.test(message.text())) {
        refusals.push(message.text());
      }
    });
    const response = await page.goto(`${suite.sandbox.appOrigin}/registration/`);
    expect(await response?.headerValue('content-security-policy')).toContain("script-src 'self'");

    const text = await page.locator('main').textContent({ timeout: 15_000 });
    for (const scope of requestedScope('v2', 'ehr').split(' ')) {
      expect(text).toContain(scope);
    }
    expect(text).toContain('https://peerbridge.example.org/fhir/StructureDefinition/peer-support-encounter');
    expect(refusals).toEqual([]);
  });
});
