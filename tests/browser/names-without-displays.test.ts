/**
 * Many real EHRs send references without `display`. Against a sandbox that strips every reference's
 * display from its answers (`stripDisplays`), the header, the timeline rows, the participants and
 * the care team still show people by name, read in a few batched searches, and no raw reference
 * ("Practitioner/pr-sam-okafor") appears anywhere on the page.
 */
import type { FrameLocator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserSuite } from './support/browser-suite';
import { openPeerSupportTab, signInToEhr } from './support/ehr-page';

const PATIENT = 'pt-marcus-hill';
const RAW_REFERENCE = /\b(Practitioner|PractitionerRole|Patient|Organization)\/[A-Za-z0-9.-]+/;

const suite = useBrowserSuite({ sandbox: { stripDisplays: true }, contextPerTest: true });

interface Opened {
  readonly page: Page;
  readonly app: FrameLocator;
  /** FHIR requests the app made, as `METHOD path?query` below the base. */
  readonly requests: string[];
}

async function open(username: string): Promise<Opened> {
  const page = await suite.context.newPage();
  const requests: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith(`${suite.sandbox.fhirBaseUrl}/`) && request.method() !== 'OPTIONS') {
      requests.push(
        `${request.method()} ${decodeURIComponent(url.slice(suite.sandbox.fhirBaseUrl.length + 1))}`,
      );
    }
  });
  await signInToEhr(page, suite.sandbox.ehrUrl, username);
  const app = await openPeerSupportTab(page, suite.sandbox.ehrUrl, PATIENT);
  return { page, app, requests };
}

async function bodyText(app: FrameLocator): Promise<string> {
  return (await app.locator('body').textContent()) ?? '';
}

describe('a launch whose references carry no display', () => {
  it('answers with references stripped of display (the premise of this file)', async () => {
    const { app, requests } = await open('sam.okafor');
    await app.locator('.timeline-row').first().waitFor({ timeout: 20_000 });
    const token = await app.locator('body').evaluate(() => {
      const key = new URL(window.location.href).searchParams.get('state') ?? '';
      const state = JSON.parse(sessionStorage.getItem(key) ?? '{}') as {
        tokenResponse?: { access_token?: string };
      };
      return state.tokenResponse?.access_token ?? '';
    });
    const response = await fetch(`${suite.sandbox.fhirBaseUrl}/CareTeam?patient=Patient/${PATIENT}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const text = await response.text();
    expect(text).toContain('"reference":"Practitioner/');
    expect(text).not.toContain('"display":"Dr. Sam Okafor"');
    expect(requests.length).toBeGreaterThan(0);
  });

  it('shows the clinician their own name, the care team and the timeline’s people by name', async () => {
    const { app, requests } = await open('sam.okafor');
    await expect.poll(() => app.locator('.user-name').textContent(), { timeout: 20_000 }).toMatch(/Okafor/);
    const careTeam = app.getByRole('region', { name: 'Care team' });
    await expect.poll(() => careTeam.textContent(), { timeout: 20_000 }).toMatch(/Alex Rivera/);
    expect(await careTeam.textContent()).toMatch(/Morgan Chen/);
    const rows = app.locator('.timeline-row__who');
    await rows.first().waitFor({ timeout: 20_000 });
    await expect
      .poll(async () => (await rows.allTextContents()).join('\n'), { timeout: 20_000 })
      .toMatch(/Okafor|Chen/);
    await expect
      .poll(async () => (await rows.allTextContents()).join('\n'))
      .not.toMatch(/A care team member/);
    await expect.poll(() => bodyText(app)).not.toMatch(RAW_REFERENCE);
    // Named in a few searches of many ids each, never one read per row.
    const nameReads = requests.filter((r) => /^GET (Practitioner|PractitionerRole|Organization)[/?]/.test(r));
    expect(nameReads.length).toBeLessThanOrEqual(4);
    expect(nameReads.some((r) => r.startsWith('GET Practitioner?_id='))).toBe(true);
  });

  it('shows the peer the care team and the recent encounters’ clinicians by name', async () => {
    const { app } = await open('alex.rivera');
    await app.getByRole('heading', { name: 'Document a peer support contact' }).waitFor({ timeout: 20_000 });
    await expect.poll(() => app.locator('.user-name').textContent()).toMatch(/Alex Rivera/);
    const careTeam = app.getByRole('region', { name: 'Care team' });
    await expect.poll(() => careTeam.textContent(), { timeout: 20_000 }).toMatch(/Okafor/);
    const encounters = app.getByRole('region', { name: 'Recent clinical encounters' });
    await expect.poll(() => encounters.textContent(), { timeout: 20_000 }).toMatch(/Okafor|Chen|Nair/);
    await expect.poll(() => bodyText(app)).not.toMatch(RAW_REFERENCE);
    expect(await bodyText(app)).not.toMatch(/\bVisit\b(?! for)/);
  });
});
