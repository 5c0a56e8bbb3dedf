import type { Browser, FrameLocator, Page } from 'playwright-core';
import { SEED_USERS } from '../../../mocks/fixtures/seed/users';
import type { TestSandbox } from './test-sandbox';

export function seedUser(username: string): { username: string; password: string } {
  const user = SEED_USERS.find((u) => u.username === username);
  if (!user) {
    throw new Error(`No seed user ${username}`);
  }
  return user;
}

/** Signs in to the simulated EHR the way a person does: the form on its home page. */
export async function signInToEhr(page: Page, ehrUrl: string, username: string): Promise<void> {
  const user = seedUser(username);
  await page.goto(ehrUrl);
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.waitForURL(/\/ehr\/patients/);
}

/** Opens the patient's "Peer support" tab, which embeds PeerBridge through an EHR launch. */
export async function openPeerSupportTab(
  page: Page,
  ehrUrl: string,
  patientId: string,
  query = '',
): Promise<FrameLocator> {
  await page.goto(new URL(`ehr/patients/${patientId}/peer-support${query}`, ehrUrl).href);
  return page.frameLocator('iframe[title="PeerBridge"]');
}

/**
 * A clinician's own browser context, signed in, on the patient's Peer support tab once the
 * clinician view has painted (its timeline heading).
 */
export async function openAsClinician(
  browser: Browser,
  sandbox: TestSandbox,
  patientId: string,
  username = 'sam.okafor',
): Promise<{ page: Page; app: FrameLocator }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInToEhr(page, sandbox.ehrUrl, username);
  const app = await openPeerSupportTab(page, sandbox.ehrUrl, patientId);
  await app.getByRole('heading', { name: 'Timeline of care' }).waitFor({ timeout: 15_000 });
  return { page, app };
}
