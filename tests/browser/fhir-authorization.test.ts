import type { OperationOutcome } from 'fhir/r4';
import { beforeAll, describe, expect, it } from 'vitest';
import { readAppAccessToken } from './support/app-tokens';
import { useBrowserSuite } from './support/browser-suite';
import { openPeerSupportTab, signInToEhr } from './support/ehr-page';

// A chart launch configured with patient-level clinical scopes only: PeerBridge's own request also
// asks user/ scopes (for "My people"), which would let this token read other people's conditions,
// and this file is about the sandbox enforcing the patient compartment of patient/ scopes.
const suite = useBrowserSuite({
  sandbox: {
    issuerScope:
      'launch openid fhirUser online_access patient/Patient.rs patient/Condition.rs patient/Goal.rs patient/CareTeam.rs patient/Encounter.rs patient/Task.rs user/Practitioner.rs user/PractitionerRole.rs',
  },
});
let token: string;

beforeAll(async () => {
  const page = await suite.browser.newPage();
  await signInToEhr(page, suite.sandbox.ehrUrl, 'alex.rivera');
  const app = await openPeerSupportTab(page, suite.sandbox.ehrUrl, 'pt-maria-santos');
  await app.getByRole('heading', { name: 'Active problems' }).waitFor({ timeout: 15_000 });
  token = await readAppAccessToken(page, suite.sandbox.appOrigin);
});

async function get(path: string, bearer?: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${suite.sandbox.fhirBaseUrl}/${path}`, {
    headers: { Accept: 'application/fhir+json', ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}) },
  });
  return { status: response.status, body: await response.json() };
}

describe('the sandbox FHIR API enforces the token the app was given', () => {
  it('answers 401 with an OperationOutcome without a token', async () => {
    const { status, body } = await get('Patient/pt-maria-santos');
    expect(status).toBe(401);
    expect((body as OperationOutcome).resourceType).toBe('OperationOutcome');
  });

  it('answers 401 to a forged token', async () => {
    const forged = `${token.split('.').slice(0, 2).join('.')}.c2lnbmF0dXJl`;
    expect((await get('Patient/pt-maria-santos', forged)).status).toBe(401);
  });

  it('serves the launch patient with the granted token', async () => {
    expect(token).not.toBe('');
    expect((await get('Patient/pt-maria-santos', token)).status).toBe(200);
  });

  it('answers 403 for another patient than the launch context', async () => {
    // Conditions are granted for the launch patient only (patient/Condition.rs).
    expect((await get('Condition?patient=Patient/pt-devon-walker', token)).status).toBe(403);
  });

  it('answers 403 for a resource type outside the granted scopes', async () => {
    const { status, body } = await get('MedicationRequest?patient=Patient/pt-maria-santos', token);
    expect(status).toBe(403);
    expect((body as OperationOutcome).resourceType).toBe('OperationOutcome');
  });
});
