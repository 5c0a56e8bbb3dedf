import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAuthServer } from './auth-test-server';
import {
  APP_REDIRECT,
  DANA,
  MILES,
  authorizeUrl,
  createPkce,
  exchangeCode,
  getManual,
  postForm,
  redirectQuery,
  redirectTarget,
  startAuthServer,
  transactionOf,
} from './auth-test-server';

describe('standalone launch pages', () => {
  let server: RunningAuthServer;
  beforeAll(async () => {
    server = await startAuthServer();
  });
  afterAll(() => server.close());

  const signIn = (transaction: string, username: string, password: string): Promise<Response> =>
    postForm(`${server.origin}/auth/authorize/sign-in`, { transaction, username, password });
  const choosePatient = (transaction: string, patient: string): Promise<Response> =>
    postForm(`${server.origin}/auth/authorize/patient`, { transaction, patient });
  const decide = (transaction: string, decision: string): Promise<Response> =>
    postForm(`${server.origin}/auth/authorize/consent`, { transaction, decision });

  async function startStandalone(scope?: string): Promise<{ transaction: string; html: string }> {
    const response = await getManual(
      authorizeUrl(server, createPkce(), scope === undefined ? {} : { scope }),
    );
    expect(response.status).toBe(200);
    const html = await response.text();
    return { transaction: transactionOf(html), html };
  }

  it('shows a sign-in form that lists the sandbox users and their passwords, with no scripts', async () => {
    const response = await getManual(authorizeUrl(server, createPkce()));
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('set-cookie')).toBeNull();
    const html = await response.text();
    expect(html).toContain('<form method="post" action="/auth/authorize/sign-in">');
    expect(html).toContain('<label for="username">Username</label>');
    expect(html).toContain('<label for="password">Password</label>');
    expect(html).toContain(DANA.username);
    expect(html).toContain(DANA.password);
    expect(html).toContain(MILES.username);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('style=');
  });

  it('signs in, picks a patient, allows, and exchanges the code for a standalone token', async () => {
    const pkce = createPkce();
    const start = await getManual(authorizeUrl(server, pkce, { nonce: 'n-1' }));
    const transaction = transactionOf(await start.text());

    const picker = await signIn(transaction, DANA.username, DANA.password);
    expect(picker.status).toBe(200);
    const pickerHtml = await picker.text();
    expect(pickerHtml).toContain('Choose a patient');
    expect(pickerHtml).toContain('value="pt-jordan-ellis"');
    expect(transactionOf(pickerHtml)).toBe(transaction);

    const consent = await choosePatient(transaction, 'pt-jordan-ellis');
    expect(consent.status).toBe(200);
    const consentHtml = await consent.text();
    expect(consentHtml).toContain('Patient: <strong>Jordan Ellis</strong>');
    expect(consentHtml).toContain('<code>patient/*.rs</code>');

    const allowed = await decide(transaction, 'allow');
    expect(allowed.status).toBe(303);
    expect(redirectTarget(allowed)).toBe(APP_REDIRECT);
    const query = redirectQuery(allowed);
    expect(query.get('state')).toBe('state-7f3c9b2e1a');

    const { body } = await exchangeCode(server, query.get('code') ?? '', pkce);
    expect(body).toMatchObject({
      patient: 'pt-jordan-ellis',
      need_patient_banner: true,
      scope: 'launch/patient openid fhirUser offline_access patient/*.rs',
    });
    expect(body.id_token).toEqual(expect.any(String));
    expect(body.refresh_token).toEqual(expect.any(String));
  });

  it('shows the sign-in form again with an error for a wrong password', async () => {
    const { transaction } = await startStandalone();
    const response = await signIn(transaction, DANA.username, 'wrong');
    expect(response.status).toBe(401);
    const html = await response.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain('do not match');
    expect(transactionOf(html)).toBe(transaction);
  });

  it('redirects access_denied with the state when the user denies', async () => {
    const { transaction } = await startStandalone();
    await signIn(transaction, DANA.username, DANA.password);
    await choosePatient(transaction, 'pt-jordan-ellis');
    const response = await decide(transaction, 'deny');
    const query = redirectQuery(response);
    expect(query.get('error')).toBe('access_denied');
    expect(query.get('state')).toBe('state-7f3c9b2e1a');
    expect(query.get('code')).toBeNull();
  });

  it('refuses to skip the patient step', async () => {
    const { transaction } = await startStandalone();
    await signIn(transaction, DANA.username, DANA.password);
    const response = await decide(transaction, 'allow');
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });

  it('refuses a patient that is not in the list', async () => {
    const { transaction } = await startStandalone();
    await signIn(transaction, DANA.username, DANA.password);
    const response = await choosePatient(transaction, 'pt-unknown');
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Choose one of the patients listed.');
  });

  it('refuses to reuse a transaction after the decision', async () => {
    const { transaction } = await startStandalone();
    await signIn(transaction, DANA.username, DANA.password);
    await choosePatient(transaction, 'pt-jordan-ellis');
    await decide(transaction, 'allow');
    const again = await decide(transaction, 'allow');
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('expired or was already used');
  });

  it('refuses an unknown transaction id', async () => {
    const response = await signIn('forged-transaction', DANA.username, DANA.password);
    expect(response.status).toBe(400);
  });

  it('escapes patient names on the picker', async () => {
    const { transaction } = await startStandalone();
    const html = await (await signIn(transaction, DANA.username, DANA.password)).text();
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)</script>');
  });

  it('skips the picker and grants no patient scopes when launch/patient was not requested', async () => {
    const pkce = createPkce();
    const start = await getManual(
      authorizeUrl(server, pkce, { scope: 'openid fhirUser user/*.rs patient/*.rs' }),
    );
    const transaction = transactionOf(await start.text());
    const consent = await signIn(transaction, DANA.username, DANA.password);
    expect(await consent.text()).toContain('Allow PeerBridge (test) to access the record?');
    const query = redirectQuery(await decide(transaction, 'allow'));
    const { body } = await exchangeCode(server, query.get('code') ?? '', pkce);
    expect(body.scope).toBe('openid fhirUser user/*.rs');
    expect(body).not.toHaveProperty('patient');
  });
});
