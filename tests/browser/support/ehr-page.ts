import type { FrameLocator, Page } from 'playwright-core';
import { SEED_USERS } from '../../../mocks/fixtures/seed/users';

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
