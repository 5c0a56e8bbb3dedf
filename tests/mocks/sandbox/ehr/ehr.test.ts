import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEhr } from './ehr-test-server';
import {
  APP_CLIENT_ID,
  APP_LAUNCH_URL,
  SHARED_PASSWORD,
  TAYLOR,
  getPage,
  iframeSrc,
  signIn,
  startEhr,
} from './ehr-test-server';

describe('the simulated EHR', () => {
  let ehr: RunningEhr;
  let cookie: string;
  beforeAll(async () => {
    ehr = await startEhr();
    cookie = await signIn(ehr);
  });
  afterAll(() => ehr.close());

  it('redirects / to the EHR', async () => {
    const response = await getPage(ehr, '/');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/ehr/');
  });

  it('shows a sign-in form listing the sandbox users and the shared password', async () => {
    const response = await getPage(ehr, '/ehr/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await response.text();
    expect(html).toContain('Riverside Integrated Health — Sandbox EHR');
    expect(html).toContain('<label for="username">Username</label>');
    expect(html).toContain('<label for="password">Password</label>');
    expect(html).toContain('taylor.brooks');
    expect(html).toContain('Renée Adeyemi, CPRS');
    expect(html).toContain(`<code>${SHARED_PASSWORD}</code>`);
    expect(html).toContain('<link rel="stylesheet" href="/ehr/ehr.css">');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('style=');
  });

  it('serves its stylesheet as CSS', async () => {
    const response = await getPage(ehr, '/ehr/ehr.css');
    expect(response.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await response.text()).toContain('.banner');
  });

  it('sets an HttpOnly SameSite=Lax session cookie on sign-in', async () => {
    const response = await fetch(`${ehr.origin}/ehr/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: TAYLOR.username, password: TAYLOR.password }).toString(),
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/ehr/patients');
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^ehr_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
  });

  it('refuses a wrong password', async () => {
    const response = await fetch(`${ehr.origin}/ehr/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: TAYLOR.username, password: 'nope' }).toString(),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(await response.text()).toContain('role="alert"');
  });

  it('sends a signed-out visitor to sign-in and back to the page they asked for', async () => {
    const response = await getPage(ehr, '/ehr/patients/pt-casey-morgan/peer-support?tokenTtl=3');
    expect(response.status).toBe(302);
    const location = response.headers.get('location') ?? '';
    expect(location).toBe(
      `/ehr/?next=${encodeURIComponent('/ehr/patients/pt-casey-morgan/peer-support?tokenTtl=3')}`,
    );
    const signInHtml = await (await getPage(ehr, location)).text();
    expect(signInHtml).toContain('value="/ehr/patients/pt-casey-morgan/peer-support?tokenTtl=3"');
  });

  it('does not redirect off the EHR after sign-in', async () => {
    const response = await fetch(`${ehr.origin}/ehr/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        username: TAYLOR.username,
        password: TAYLOR.password,
        next: '//evil.example/ehr/patients',
      }).toString(),
    });
    expect(response.headers.get('location')).toBe('/ehr/patients');
  });

  it('lists patients with escaped names, birth dates and links to their charts', async () => {
    const response = await getPage(ehr, '/ehr/patients', cookie);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Signed in as Taylor Brooks, MD');
    expect(html).toContain('<form method="post" action="/ehr/sign-out">');
    expect(html).toContain('<a href="/ehr/patients/pt-casey-morgan">Morgan, Casey</a>');
    expect(html).toContain('1986-07-23');
    expect(html).toContain('Female');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;, &quot;Quote&quot;');
    expect(html).not.toContain('<script>alert(1)</script>');
  });

  it('shows the chart with the banner and active problems only', async () => {
    const html = await (await getPage(ehr, '/ehr/patients/pt-casey-morgan', cookie)).text();
    expect(html).toContain('<p class="patient-name">Casey Morgan</p>');
    expect(html).toContain('<dd>1986-07-23</dd>');
    expect(html).toContain('<dd>Female</dd>');
    expect(html).toContain('<dd>RIH-004211</dd>');
    expect(html).toContain('Major depressive disorder, recurrent, moderate');
    expect(html).not.toContain('Sprained ankle');
    expect(html).toContain('<a href="/ehr/patients/pt-casey-morgan" aria-current="page">Summary</a>');
    expect(html).toContain('<a href="/ehr/patients/pt-casey-morgan/peer-support">Peer support</a>');
  });

  it('escapes a hostile patient name and problem on the chart', async () => {
    const html = await (await getPage(ehr, '/ehr/patients/pt-hostile', cookie)).text();
    expect(html).toContain('&quot;Quote&quot; &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toContain('<img');
  });

  it('answers 404 for an unknown patient', async () => {
    const response = await getPage(ehr, '/ehr/patients/pt-nobody', cookie);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Patient not found');
  });

  it('embeds PeerBridge with an EHR launch whose launch id the authorization server honours', async () => {
    const response = await getPage(ehr, '/ehr/patients/pt-casey-morgan/peer-support', cookie);
    expect(response.headers.get('content-security-policy')).toContain(
      "frame-src 'self' http://127.0.0.1:5998",
    );
    const html = await response.text();
    expect(html).toContain('<p class="patient-name">Casey Morgan</p>');
    expect(html).toContain('<iframe class="app-frame" title="PeerBridge"');
    expect(html).toContain(
      `href="${APP_LAUNCH_URL}?iss=${encodeURIComponent(ehr.fhirBaseUrl)}" target="_blank" rel="noopener">Open PeerBridge standalone (new window)</a>`,
    );

    const src = new URL(iframeSrc(html));
    expect(`${src.origin}${src.pathname}`).toBe(APP_LAUNCH_URL);
    expect(src.searchParams.get('iss')).toBe(ehr.fhirBaseUrl);
    const launch = src.searchParams.get('launch') ?? '';

    const tokens = await launchApp(launch);
    expect(tokens).toMatchObject({
      patient: 'pt-casey-morgan',
      need_patient_banner: false,
      expires_in: 3600,
    });
  });

  it('passes ?tokenTtl through to the launch so tokens expire that fast', async () => {
    const html = await (
      await getPage(ehr, '/ehr/patients/pt-casey-morgan/peer-support?tokenTtl=3', cookie)
    ).text();
    const launch = new URL(iframeSrc(html)).searchParams.get('launch') ?? '';
    expect((await launchApp(launch)).expires_in).toBe(3);
  });

  it('refuses a tokenTtl that is not a positive whole number', async () => {
    const response = await getPage(ehr, '/ehr/patients/pt-casey-morgan/peer-support?tokenTtl=soon', cookie);
    expect(response.status).toBe(400);
  });

  it('signs out and forgets the session', async () => {
    const own = await signIn(ehr);
    const response = await fetch(`${ehr.origin}/ehr/sign-out`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Cookie: own },
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('set-cookie')).toContain('Max-Age=0');
    const after = await getPage(ehr, '/ehr/patients', own);
    expect(after.status).toBe(302);
  });

  /** Plays the app's part of an EHR launch: authorize with the launch id, then exchange the code. */
  async function launchApp(launch: string): Promise<Record<string, unknown>> {
    const verifier = randomBytes(32).toString('base64url');
    const authorize = new URL(`${ehr.origin}/auth/authorize`);
    for (const [name, value] of Object.entries({
      response_type: 'code',
      client_id: APP_CLIENT_ID,
      redirect_uri: APP_LAUNCH_URL,
      scope: 'launch openid fhirUser patient/*.rs',
      state: 'ehr-test-state',
      aud: ehr.fhirBaseUrl,
      launch,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    })) {
      authorize.searchParams.set(name, value);
    }
    const redirected = await fetch(authorize, { redirect: 'manual' });
    const code = new URL(redirected.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const token = await fetch(`${ehr.origin}/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: APP_LAUNCH_URL,
        client_id: APP_CLIENT_ID,
        code_verifier: verifier,
      }).toString(),
    });
    return (await token.json()) as Record<string, unknown>;
  }
});
