import type { Frame, FrameLocator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signInToEhr } from './support/ehr-page';
import { useBrowserSuite } from './support/browser-suite';
import { fillMinimalNote, PEER_USERNAME, signAndSubmit } from './support/note-form';

const suite = useBrowserSuite({ contextPerTest: true });

const MARIA = { id: 'pt-maria-santos', name: 'Maria Elena Santos' };
const DEVON = { id: 'pt-devon-walker', name: 'Devon Walker' };

/** Both charts side by side, each frame's note form on screen. */
async function openBothCharts(page: Page): Promise<void> {
  await openSideBySide(page);
  await expectFormFor(paneApp(page, MARIA.name), MARIA.name);
  await expectFormFor(paneApp(page, DEVON.name), DEVON.name);
}

/** The EHR page with both charts in panes, each pane with its own PeerBridge frame and launch. */
async function openSideBySide(page: Page): Promise<void> {
  await signInToEhr(page, suite.sandbox.ehrUrl, PEER_USERNAME);
  await page.goto(new URL(`ehr/side-by-side?patients=${MARIA.id},${DEVON.id}`, suite.sandbox.ehrUrl).href);
}

function paneApp(page: Page, name: string): FrameLocator {
  return page.frameLocator(`iframe[title="PeerBridge for ${name}"]`);
}

async function paneFrame(page: Page, name: string): Promise<Frame> {
  const frame = await page.locator(`iframe[title="PeerBridge for ${name}"]`).elementHandle();
  const content = await frame.contentFrame();
  if (!content) {
    throw new Error(`No PeerBridge frame for ${name}`);
  }
  return content;
}

/** The quiet line above the note form that says whose chart the note goes into. */
async function expectFormFor(app: FrameLocator | Page, name: string): Promise<void> {
  const form = app.getByRole('form', { name: 'Document a peer support contact' });
  await form.waitFor({ timeout: 15_000 });
  await expect.poll(() => form.getByText(/^For /).textContent()).toMatch(new RegExp(`^For ${name}, born `));
}

describe('one patient per launch', () => {
  it('names the person above the note form and again when the note is saved', async () => {
    const page = await suite.context.newPage();
    await openSideBySide(page);
    const app = paneApp(page, MARIA.name);

    await expectFormFor(app, MARIA.name);
    // The EHR shows its own banner (need_patient_banner false): this line is all PeerBridge shows.
    expect(await app.getByRole('region', { name: 'Patient' }).count()).toBe(0);
    await fillMinimalNote(app);
    await app.getByRole('button', { name: 'Save draft to record' }).click();
    await expect
      .poll(() => app.getByRole('status').textContent())
      .toMatch(new RegExp(`Draft saved to the record for ${MARIA.name}, born `));
    const submitted = await signAndSubmit(app);
    await expect
      .poll(() => submitted.textContent())
      .toMatch(new RegExp(`Signed and submitted for ${MARIA.name}, born `));
  });

  it('keeps each of two frames in one EHR page on its own patient when each is reloaded', async () => {
    const page = await suite.context.newPage();
    await openBothCharts(page);

    for (const person of [MARIA, DEVON]) {
      const frame = await paneFrame(page, person.name);
      const contextRead = page.waitForResponse(
        (response) => response.url() === suite.sandbox.fhirBaseUrl && response.request().method() === 'POST',
      );
      await frame.evaluate(() => {
        window.location.reload();
      });
      const batch = (await contextRead).request().postData() ?? '';
      expect(batch).toContain(`Patient/${person.id}`);
      expect(batch).not.toContain(`Patient/${(person === MARIA ? DEVON : MARIA).id}`);
      await expectFormFor(paneApp(page, person.name), person.name);
    }
    await expectFormFor(paneApp(page, MARIA.name), MARIA.name);
  });

  it('keeps each frame’s patient in a duplicated tab', async () => {
    const page = await suite.context.newPage();
    await openBothCharts(page);

    // Both frames duplicated: a tab-wide "current launch" could be right for one of them at most.
    for (const person of [MARIA, DEVON]) {
      const frame = await paneFrame(page, person.name);
      // window.open with an opener copies the tab's sessionStorage and the address, as "Duplicate" does.
      const duplicate = suite.context.waitForEvent('page');
      await frame.evaluate(() => {
        window.open(window.location.href, '_blank');
      });
      const tab = await duplicate;
      await expectFormFor(tab, person.name);
      await tab.close();
    }
  });
});
