import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seedUser } from './support/ehr-page';
import { useBrowserSuite } from './support/browser-suite';

const suite = useBrowserSuite({ contextPerTest: true });

function launchAddress(iss: string): string {
  const url = new URL(suite.sandbox.launchUrl);
  url.searchParams.set('iss', iss);
  return url.href;
}

async function signInAtAuthorizationServer(page: Page, username: string): Promise<void> {
  const user = seedUser(username);
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: /sign in/i }).click();
}

describe('standalone launch', () => {
  it('signs in, picks a patient and shows them with a banner', async () => {
    const page = await suite.context.newPage();
    await page.goto(launchAddress(suite.sandbox.fhirBaseUrl));
    await signInAtAuthorizationServer(page, 'alex.rivera');
    await page.getByRole('radio', { name: /Devon Walker/ }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Allow' }).click();

    await page.waitForURL((url) => url.origin === suite.sandbox.appOrigin);
    await expect
      .poll(() => page.getByRole('region', { name: 'Patient' }).textContent(), { timeout: 15_000 })
      .toMatch(/Devon Walker/);
    await expect
      .poll(() => page.getByRole('region', { name: 'Active problems' }).textContent())
      .toMatch(/opioid/i);
  });

  it('sends state and an S256 code challenge to the authorize endpoint', async () => {
    const page = await suite.context.newPage();
    const authorizeRequest = page.waitForRequest((request) => request.url().includes('/auth/authorize'));
    await page.goto(launchAddress(suite.sandbox.fhirBaseUrl));
    const url = new URL((await authorizeRequest).url());

    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // 32 random bytes, base64url: far above SMART's 122-bit floor.
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('aud')).toBe(suite.sandbox.fhirBaseUrl);
    expect(url.searchParams.get('scope')).toContain('launch/patient');
  });

  it('refuses an issuer that is not configured, before any request reaches it', async () => {
    const page = await suite.context.newPage();
    const hostile = 'https://evil.example.test/fhir';
    const requestsToHostile: string[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith('https://evil.example.test')) {
        requestsToHostile.push(request.url());
      }
    });
    await page.goto(launchAddress(`${hostile}/<script>alert(1)</script>`));

    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toMatch(/not allowed to open PeerBridge/);
    expect(await alert.textContent()).toContain('<script>alert(1)</script>');
    expect(page.url().startsWith(suite.sandbox.launchUrl)).toBe(true);
    expect(requestsToHostile).toEqual([]);
  });

  it('refuses a configured issuer spelled with a user name, before any request reaches it', async () => {
    const page = await suite.context.newPage();
    const fhirBase = new URL(suite.sandbox.fhirBaseUrl);
    const spelled = `${fhirBase.protocol}//someone@${fhirBase.host}${fhirBase.pathname}`;
    const requestsToEhr: string[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(fhirBase.origin)) {
        requestsToEhr.push(request.url());
      }
    });
    await page.goto(launchAddress(spelled));

    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/not accepted.*user name/);
    expect(requestsToEhr).toEqual([]);
  });

  it('signs in with the configured client id and issuer, whatever the launch URL adds', async () => {
    const page = await suite.context.newPage();
    const authorizeRequest = page.waitForRequest((request) => request.url().includes('/auth/authorize'));
    const address = new URL(launchAddress(suite.sandbox.fhirBaseUrl));
    address.searchParams.set('clientId', 'someone-elses-app');
    address.searchParams.set('fhirServiceUrl', 'https://evil.example.test/fhir');
    await page.goto(address.href);
    const url = new URL((await authorizeRequest).url());

    expect(url.searchParams.get('client_id')).not.toBe('someone-elses-app');
    expect(url.searchParams.get('client_id')).toBeTruthy();
    expect(url.searchParams.get('aud')).toBe(suite.sandbox.fhirBaseUrl);
  });

  it('shows the generic screen, not the words, of an error whose state no launch of this tab sent', async () => {
    const page = await suite.context.newPage();
    const address = new URL(`${suite.sandbox.appOrigin}/`);
    address.searchParams.set('error', 'access_denied');
    address.searchParams.set('error_description', 'Call 555-0100 to restore access');
    address.searchParams.set('state', 'not-a-launch-of-this-tab');
    await page.goto(address.href);

    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/Open PeerBridge from your EHR/);
    expect(await page.getByText(/555-0100|access_denied/).count()).toBe(0);
    expect(page.url()).toBe(`${suite.sandbox.appOrigin}/`);
  });

  it('explains it when the person denies access at the EHR, instead of showing a blank page', async () => {
    const page = await suite.context.newPage();
    await page.goto(launchAddress(suite.sandbox.fhirBaseUrl));
    await signInAtAuthorizationServer(page, 'alex.rivera');
    await page.getByRole('radio', { name: /Devon Walker/ }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Deny' }).click();

    await page.waitForURL((url) => url.origin === suite.sandbox.appOrigin);
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/Access was not granted/);
    expect(await page.getByRole('alert').textContent()).toContain('access_denied');
  });
});
