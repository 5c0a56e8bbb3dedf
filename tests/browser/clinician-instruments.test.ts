/**
 * A clinician opens Tyler Brooks, whose seed (mocks/fixtures/seed/instrument-history.ts) holds PHQ-9
 * and BARC-10 totals over time and one peer note, kept only as the clinical note, with a positive
 * PHQ-9 item 9 and its urgent safety follow-up. A routine request asked later is added, so "first"
 * means first. The clinician must see the safety concern above every other request and above the
 * timeline, in words; the note with its items; and both totals on the trend with their scales.
 */
import type { Task } from 'fhir/r4';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CATEGORY } from '../../src/domain/codes';
import { followUpReasonCoding } from '../../src/domain/draft-codings';
import { axeViolations } from './support/axe';
import { useBrowserSuite } from './support/browser-suite';
import { openAsClinician as openClinician } from './support/ehr-page';
import { appFrame as peerBridgeFrame } from './support/note-form';

const PATIENT = 'pt-tyler-brooks';
const ITEM_9 = 'PHQ-9 item 9: thoughts of being better off dead or of self-harm (“Several days”)';
const ROUTINE_NOTE = 'Tyler would like to move his Thursday appointment.';

const suite = useBrowserSuite();

/** Asked after the safety concern, so newest-first alone would list it first. */
function routineRequest(): Task {
  return {
    resourceType: 'Task',
    id: 'task-tyler-brooks-routine',
    status: 'requested',
    intent: 'order',
    priority: 'routine',
    code: { coding: [CATEGORY.clinicianFollowUp] },
    for: { reference: `Patient/${PATIENT}` },
    authoredOn: new Date(Date.now() - 60 * 60 * 1000).toISOString(),
    requester: { reference: 'Practitioner/pr-jordan-lee' },
    owner: { reference: 'Practitioner/pr-sam-okafor' },
    reasonCode: { coding: [followUpReasonCoding('care-coordination')] },
    note: [{ text: ROUTINE_NOTE }],
  };
}

beforeAll(async () => {
  await suite.sandbox.fhir.internal.add([routineRequest()]);
});

const openAsClinician = () => openClinician(suite.browser, suite.sandbox, PATIENT);
const appFrame = (page: Page) => peerBridgeFrame(page, suite.sandbox);

describe('a clinician opening a chart with an urgent safety concern', () => {
  it('sees the safety concern first, in words, above the other request and the timeline', async () => {
    const { page, app } = await openAsClinician();
    const followUps = app.getByRole('region', { name: 'Follow-ups requested by peers' });
    const notice = followUps.getByRole('article', { name: /^Safety concern · Urgent/ });
    await expect.poll(() => notice.textContent()).toContain(ITEM_9);
    await expect.poll(() => followUps.textContent()).toContain(ROUTINE_NOTE);
    const text = (await notice.textContent()) ?? '';
    expect(text).toMatch(/Asked by Jordan Lee on \w+/);
    expect(text).toContain('for Dr. Sam Okafor');
    expect(text).toMatch(/written only in the peer’s clinical note.*acknowledge it in the EHR/);
    expect(text).not.toContain(ROUTINE_NOTE);

    const all = (await followUps.textContent()) ?? '';
    expect(all.indexOf(ITEM_9)).toBeLessThan(all.indexOf(ROUTINE_NOTE));
    const noticeBox = await notice.boundingBox();
    const timelineBox = await app.getByRole('heading', { name: 'Timeline of care' }).boundingBox();
    expect(noticeBox && timelineBox && noticeBox.y + noticeBox.height <= timelineBox.y).toBe(true);
    // The routine request is a Task: it can be acknowledged here; the note-only concern cannot.
    expect(await notice.getByRole('button', { name: /^Acknowledge/ }).count()).toBe(0);
    expect(await followUps.getByRole('button', { name: /^Acknowledge/ }).count()).toBe(1);
    await page.context().close();
  });

  it('opens the peer note from the notice, with each PHQ-9 item and its answer as text', async () => {
    const { page, app } = await openAsClinician();
    const notice = app.getByRole('article', { name: /^Safety concern/ });
    await notice.getByRole('button', { name: 'Open the peer note' }).click();
    const detail = app.getByRole('region', { name: /^Peer support note/ });
    await expect.poll(() => detail.textContent()).toMatch(/PHQ-9 total 10 of 27 \(Moderate\)/);
    const text = (await detail.textContent()) ?? '';
    expect(text).toMatch(/1\. Little interest or pleasure in doing things[^]*More than half the days/);
    expect(text).toMatch(
      /9\. Thoughts that you would be better off dead, or of hurting yourself[^]*Several days/,
    );
    expect(text).toMatch(/BARC-10 total 43 of 60/);
    // Read back from the note's own text (the note-only path), item by item, the safety item marked.
    const answers = detail.getByRole('table', { name: 'PHQ-9 answers, item by item' });
    await expect.poll(() => answers.locator('tbody tr').count()).toBe(9);
    expect(await answers.textContent()).toContain('(safety item: answered positive)');
    expect(
      await detail.getByRole('table', { name: 'BARC-10 answers, item by item' }).locator('tbody tr').count(),
    ).toBe(10);
    await page.context().close();
  });

  it('shows PHQ-9 and BARC-10 totals on the trend, each with its scale and which way is better', async () => {
    const { page, app } = await openAsClinician();
    const trends = app.getByRole('region', { name: 'Trends' });
    const overview = trends.locator('.trend-overview');
    await expect
      .poll(() => overview.textContent())
      .toMatch(/BARC-10 total \(10 to 60, higher is better\): \d+ readings/);
    expect(await overview.textContent()).toMatch(/PHQ-9 total \(0 to 27, lower is better\): \d+ readings/);

    for (const [name, scale] of [
      ['BARC-10 total', '10 to 60, higher is better'],
      ['PHQ-9 total', '0 to 27, lower is better'],
    ] as const) {
      const value = await trends.locator('#trend-measure option', { hasText: name }).getAttribute('value');
      await trends.getByLabel('Measure').selectOption(value ?? '');
      const caption = trends.locator('figcaption');
      await expect.poll(() => caption.textContent()).toMatch(new RegExp(`^${name} went from \\d+ on `));
      expect(await caption.textContent()).toContain(`Scale ${scale}.`);
      expect(await trends.getByRole('img').getAttribute('aria-labelledby')).toBe(
        'trend-svg-title trend-svg-desc',
      );
      expect(await trends.locator('.trend-data caption').textContent()).toBe(`${name} (${scale})`);
    }
    await page.context().close();
  });

  it('passes axe-core with the notice, the note and the trend data shown', async () => {
    const { page, app } = await openAsClinician();
    await app
      .getByRole('article', { name: /^Safety concern/ })
      .getByRole('button', { name: 'Open the peer note' })
      .click();
    await app.getByRole('region', { name: /^Peer support note/ }).waitFor();
    await app.locator('.trend-data summary').click();
    expect(await axeViolations(appFrame(page), '.clinician')).toEqual([]);
    await page.context().close();
  });
});
