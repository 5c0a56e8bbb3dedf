import type { Encounter } from 'fhir/r4';
import type { FrameLocator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPeerSupportTab, signInToEhr } from './support/ehr-page';
import { useBrowserSuite } from './support/browser-suite';

const suite = useBrowserSuite();

const NARRATIVE = 'Walked to the library together; Lena wants to try the Tuesday recovery group.';

async function openAsPeer(patientId: string): Promise<FrameLocator> {
  // A new browser context is another workstation: nothing of the first tab's storage comes along.
  const page = await (await suite.browser.newContext()).newPage();
  await signInToEhr(page, suite.sandbox.ehrUrl, 'alex.rivera');
  const app = await openPeerSupportTab(page, suite.sandbox.ehrUrl, patientId);
  await app.getByRole('heading', { name: 'Document a peer support contact' }).waitFor({ timeout: 15_000 });
  return app;
}

async function peerEncounters(patientId: string): Promise<Encounter[]> {
  const encounters = (await suite.sandbox.fhir.internal.search('Encounter', {
    patient: `Patient/${patientId}`,
  })) as Encounter[];
  return encounters.filter((e) =>
    e.type?.some((t) => t.coding?.some((c) => c.code === 'peer-support-service')),
  );
}

describe('a draft saved to the record', () => {
  it('can be continued at another workstation and submitted as the same encounter', async () => {
    const first = await openAsPeer('pt-lena-novak');
    await first.getByLabel('Duration (minutes)').fill('25');
    await first.getByRole('radio', { name: 'In person' }).check();
    await first.getByRole('button', { name: 'Engagement' }).click();
    await first.getByLabel('What happened (plain, strengths-based words)').fill(NARRATIVE);
    await first.getByRole('button', { name: 'Save draft to record' }).click();
    await expect
      .poll(() => first.getByRole('status').first().textContent())
      .toMatch(/Draft saved to the record/);
    expect((await peerEncounters('pt-lena-novak')).map((e) => e.status)).toEqual(['in-progress']);

    const second = await openAsPeer('pt-lena-novak');
    await second.getByRole('button', { name: /Continue this draft/ }).click();
    await expect
      .poll(() => second.getByLabel('What happened (plain, strengths-based words)').inputValue())
      .toBe(NARRATIVE);
    await second.getByRole('button', { name: 'Sign and submit' }).click();
    await second.getByRole('heading', { name: 'Submitted note' }).waitFor({ timeout: 15_000 });

    expect((await peerEncounters('pt-lena-novak')).map((e) => e.status)).toEqual(['finished']);
  });
});
