/**
 * The program report screen in real Chromium, over the demo's in-browser FHIR server holding the
 * hand-worked fixture (mocks/fixtures/program-report-fixture.ts), mounted by a test-only harness page
 * served by Vite. The same checks through a real launch and the home tab are in program-report.test.ts.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_RANGE, FORMULA_DISPLAY } from '../../mocks/fixtures/program-report-fixture';
import { axeViolations } from './support/axe';
import { launchChromium } from './support/chromium';
import { expectHandWorkedFigures, readReportTable, showReportFor } from './support/report-screen';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let vite: ViteDevServer | undefined;
let browser: Browser | undefined;
let address = '';

beforeAll(async () => {
  vite = await createServer({
    root: ROOT,
    configFile: `${ROOT}vite.config.ts`,
    logLevel: 'warn',
    server: { port: 0, host: '127.0.0.1', strictPort: false, hmr: false },
  });
  await vite.listen();
  address = `${vite.resolvedUrls?.local[0] ?? ''}tests/browser/report-harness/index.html`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await vite?.close();
});

async function openHarness(): Promise<Page> {
  if (!browser) {
    throw new Error('the browser did not start');
  }
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(address);
  return page;
}

describe('the program report screen', () => {
  it('says there were no contacts in the default range, the last 90 days', async () => {
    const page = await openHarness();
    await expect
      .poll(() => page.getByRole('status').allTextContents(), { timeout: 30_000 })
      .toContainEqual(expect.stringMatching(/No peer contacts were recorded/));
    expect(await page.getByRole('table').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('shows the hand-worked figures for a range, with the count behind each', async () => {
    const page = await openHarness();
    await showReportFor(page, FIXTURE_RANGE);
    expectHandWorkedFigures(await readReportTable(page));
    // The chart's bars are labelled in words and numbers, and the same figures sit in a table.
    const chart = page.getByRole('img', { name: /Acute care before and after/ });
    expect(await chart.locator('text').allTextContents()).toEqual(
      expect.arrayContaining(['Emergency department visits, before', '3', 'Hospital admissions, after', '1']),
    );
    const acuteTable = page.getByRole('table', { name: /Acute care, 90 days either side/ });
    expect(await acuteTable.getByRole('row', { name: /Emergency department visits/ }).textContent()).toBe(
      'Emergency department visits31',
    );
    await page.context().close();
  });

  it('shows a display the EHR sent as text, never as markup or a formula', async () => {
    const page = await openHarness();
    await showReportFor(page, FIXTURE_RANGE);
    const row = page.getByRole('row', { name: FORMULA_DISPLAY });
    expect(await row.getByRole('rowheader').textContent()).toBe(FORMULA_DISPLAY);
    await page.context().close();
  });

  it('downloads the figures as a CSV named after the range, formulas defused', async () => {
    const page = await openHarness();
    await showReportFor(page, FIXTURE_RANGE);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('peerbridge-program-report-2024-01-01-to-2024-03-31.csv');
    const csv = await readFile(await file.path(), 'utf8');
    expect(csv.startsWith('From,2024-01-01\r\nTo,2024-03-31\r\nSection,Figure,Value,Based on\r\n')).toBe(
      true,
    );
    expect(csv).toContain('Reach,People served,3,6 contacts\r\n');
    expect(csv).toContain(
      'PHQ-9,Mean change first to last (lower is better),-4.5,2 people with a first and a last reading\r\n',
    );
    expect(csv).toContain(`Contact mode,"'${FORMULA_DISPLAY.replace(/"/g, '""')}",1,6 contacts\r\n`);
    await page.context().close();
  });

  it('says beside the field what is wrong with a range', async () => {
    const page = await openHarness();
    await page.getByLabel('First day').fill('2024-04-01');
    await page.getByLabel('Last day').fill('2024-03-01');
    await page.getByRole('button', { name: 'Show report' }).click();
    const last = page.getByLabel('Last day');
    await expect.poll(() => last.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await last.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe(
      'The last day must be on or after the first day.',
    );
    await page.context().close();
  });

  it('has no axe-core violations with figures, or with a range problem', async () => {
    const page = await openHarness();
    await showReportFor(page, FIXTURE_RANGE);
    const lines = (list: Awaited<ReturnType<typeof axeViolations>>) =>
      list.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(lines(await axeViolations(page.mainFrame(), 'html')), 'with figures').toEqual([]);
    await page.getByLabel('First day').fill('');
    await page.getByRole('button', { name: 'Show report' }).click();
    await page.getByLabel('First day').and(page.locator('[aria-invalid="true"]')).waitFor();
    expect(lines(await axeViolations(page.mainFrame(), 'html')), 'with a range problem').toEqual([]);
    await page.context().close();
  });
});
