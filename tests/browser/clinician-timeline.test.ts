/**
 * A peer documents a contact through the real peer screen; the clinician then opens the same patient
 * and sees it in the timeline, opens it, sees the trend and the follow-up, and acknowledges it.
 */
import type { Task } from 'fhir/r4';
import type { FrameLocator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe';
import { useBrowserSuite } from './support/browser-suite';
import { openAsClinician as openClinician, openPeerSupportTab, signInToEhr } from './support/ehr-page';
import { appFrame as peerBridgeFrame } from './support/note-form';

const PATIENT = 'pt-marcus-hill';
const NARRATIVE = 'Walked with Marcus to the library; <b>he</b> signed up for the job club.';
const FOLLOW_UP_NOTE = 'Marcus asks whether the new dose can explain his headaches.';

const suite = useBrowserSuite();

beforeAll(async () => {
  // The peer writes once, through the real peer screen; every test below reads that note.
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  await signInToEhr(page, suite.sandbox.ehrUrl, 'alex.rivera');
  await documentAsPeer(await openPeerSupportTab(page, suite.sandbox.ehrUrl, PATIENT));
  await context.close();
});

async function documentAsPeer(app: FrameLocator): Promise<void> {
  await app.getByRole('heading', { name: 'Document a peer support contact' }).waitFor({ timeout: 15_000 });
  await app.getByLabel('Duration (minutes)').fill('45');
  await app.getByRole('group', { name: 'How you were in contact' }).getByLabel('In person').check();
  await app.getByLabel('Setting').selectOption({ label: 'Community' });
  await app.getByRole('button', { name: 'Engagement' }).click();
  await app.getByRole('button', { name: 'Sharing lived experience' }).click();
  await app.getByRole('group', { name: 'How did they respond?' }).getByRole('radio').first().check();
  await app.getByLabel('What happened (plain, strengths-based words)').fill(NARRATIVE);
  await app.getByLabel('Next steps').fill('Meet at the job club on Tuesday.');
  await app.getByRole('group', { name: /^Hope/ }).getByLabel('4').check();
  await app
    .getByRole('group', { name: /^Connection/ })
    .getByLabel('3')
    .check();
  await app.getByLabel('A clinician should follow up').check();
  await app.getByLabel('Reason').selectOption({ index: 1 });
  await app.getByRole('group', { name: 'How soon' }).getByLabel('Urgent').check();
  await app.getByLabel('What the clinician should know').fill(FOLLOW_UP_NOTE);
  await app.getByRole('button', { name: 'Sign and submit' }).click();
  // Signed and submitted: the follow-up Task is written with the note.
  await app.getByRole('button', { name: 'Sign and submit' }).waitFor({ state: 'detached', timeout: 15_000 });
  const tasks = await suite.sandbox.fhir.internal.search('Task', { patient: `Patient/${PATIENT}` });
  if (tasks.length !== 1) {
    throw new Error(`The peer's note was not saved with its follow-up (${tasks.length} Tasks)`);
  }
}

const openAsClinician = () => openClinician(suite.browser, suite.sandbox, PATIENT);
const appFrame = (page: Page) => peerBridgeFrame(page, suite.sandbox);

describe('the clinician view of peer work', () => {
  it('shows the peer’s note in the timeline beside the clinical care, with the counts', async () => {
    const { page, app } = await openAsClinician();
    const timeline = app.getByRole('region', { name: 'Timeline, newest first' });
    await expect.poll(() => timeline.getByText('Peer support · In person').count()).toBe(1);
    await expect.poll(() => timeline.getByText(/Psychiatry|therapy/i).count()).toBeGreaterThan(0);
    await expect
      .poll(() => app.locator('.timeline-summary').textContent())
      .toMatch(/^1 peer contact, .* in the last 90 days/);
    await page.context().close();
  });

  it('opens the note with everything the peer wrote, as text', async () => {
    const { page, app } = await openAsClinician();
    await app
      .getByRole('button', { name: /^Open note/ })
      .first()
      .click();
    const detail = app.getByRole('region', { name: /^Peer support note/ });
    await expect.poll(() => detail.textContent()).toContain(NARRATIVE);
    const text = (await detail.textContent()) ?? '';
    expect(text).toContain('Sharing lived experience');
    expect(text).toContain('Meet at the job club on Tuesday.');
    expect(text).toContain('Hope 4, Connection 3 (total 7)');
    expect(text).toContain(FOLLOW_UP_NOTE);
    expect(text).toMatch(/create by Alex Rivera/);
    expect(await detail.locator('b').count()).toBe(0);
    await page.context().close();
  });

  it('plots the check-in on the trend with the peer contact marked', async () => {
    const { page, app } = await openAsClinician();
    const trends = app.getByRole('region', { name: 'Trends' });
    await expect
      .poll(() => trends.locator('figcaption').textContent())
      .toMatch(/Recovery check-in total: one reading, 7 /);
    await expect.poll(() => trends.locator('figcaption').textContent()).toMatch(/1 peer contact/);
    expect(await trends.getByRole('img').count()).toBe(1);
    await page.context().close();
  });

  it('passes axe-core on the timeline, the note and the trends', async () => {
    const { page, app } = await openAsClinician();
    await app
      .getByRole('button', { name: /^Open note/ })
      .first()
      .click();
    await app.getByRole('region', { name: /^Peer support note/ }).waitFor();
    await app.locator('.trend-data summary').click();
    expect(await axeViolations(appFrame(page), '.clinician')).toEqual([]);
    await page.context().close();
  });

  it('lists the follow-up first, reports a change made elsewhere, and acknowledges it with If-Match', async () => {
    const tasks = () =>
      suite.sandbox.fhir.internal.search('Task', { patient: `Patient/${PATIENT}` }) as Promise<Task[]>;
    const [original] = await tasks();
    const first = await openAsClinician();
    const followUps = first.app.getByRole('region', { name: 'Follow-ups requested by peers' });
    await expect.poll(() => followUps.textContent()).toContain(FOLLOW_UP_NOTE);
    expect(await followUps.textContent()).toMatch(/Urgent.*Asked by Alex Rivera/);

    // Someone else updates the Task after this screen read it: the acknowledgement must not win.
    if (original) {
      const changed: Task = {
        ...original,
        meta: { ...original.meta, versionId: 'changed-elsewhere' },
        note: [{ text: 'Called him.' }],
      };
      await suite.sandbox.fhir.internal.add([changed]);
    }
    await followUps.getByRole('button', { name: /^Acknowledge/ }).click();
    await expect.poll(() => followUps.getByRole('alert').textContent()).toMatch(/changed by someone else/);
    expect((await tasks())[0]?.status).toBe('requested');
    await first.page.context().close();

    const second = await openAsClinician();
    const list = second.app.getByRole('region', { name: 'Follow-ups requested by peers' });
    const ifMatch: string[] = [];
    second.page.on('request', (request) => {
      if (request.method() === 'PUT') {
        ifMatch.push(request.headers()['if-match'] ?? '');
      }
    });
    await list.getByRole('button', { name: /^Acknowledge/ }).click();
    await expect.poll(() => list.getByRole('status').textContent()).toMatch(/Acknowledged/);
    expect(ifMatch).toEqual(['W/"changed-elsewhere"']);
    const [task] = await tasks();
    expect(task?.status).toBe('accepted');
    expect(task?.note).toEqual([{ text: 'Called him.' }]);
    await second.page.context().close();

    // Opened again, the acknowledged request is no longer open.
    const third = await openAsClinician();
    const after = third.app.getByRole('region', { name: 'Follow-ups requested by peers' });
    await expect.poll(() => after.textContent()).toContain('No open follow-up requests.');
    await third.page.context().close();
  });
});
