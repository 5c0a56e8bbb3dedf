/**
 * Ten years of weekly peer contact (mocks/fixtures/large-history.ts): the first screen needs two
 * requests, renders only the visible rows, and pages older history in as the clinician scrolls.
 */
import type { FrameLocator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildLargeHistory, CASEY_ID } from '../../mocks/fixtures/large-history';
import { axeViolations } from './support/axe';
import { useBrowserSuite } from './support/browser-suite';
import { openPeerSupportTab, signInToEhr } from './support/ehr-page';

const today = new Date();
const suite = useBrowserSuite({ sandbox: { today }, contextPerTest: true });

beforeAll(async () => {
  await suite.sandbox.fhir.internal.add(buildLargeHistory(today));
});

/** FHIR requests the app makes (not discovery, not CORS preflights). */
function recordFhirRequests(page: Page): string[] {
  const requests: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (
      url.startsWith(suite.sandbox.fhirBaseUrl) &&
      !url.includes('.well-known') &&
      !url.endsWith('/metadata') &&
      request.method() !== 'OPTIONS'
    ) {
      requests.push(`${request.method()} ${url.slice(suite.sandbox.fhirBaseUrl.length)}`);
    }
  });
  return requests;
}

async function openCasey(page: Page): Promise<FrameLocator> {
  await signInToEhr(page, suite.sandbox.ehrUrl, 'sam.okafor');
  const app = await openPeerSupportTab(page, suite.sandbox.ehrUrl, CASEY_ID);
  await app.locator('.timeline-row').first().waitFor({ timeout: 15_000 });
  return app;
}

describe('a patient with ten years of weekly peer contact', () => {
  it('paints the first timeline rows after two round trips: the context batch, then the encounter and note searches together', async () => {
    const page = await suite.context.newPage();
    const requests = recordFhirRequests(page);
    await openCasey(page);
    expect(requests).toHaveLength(3);
    expect(requests[0]).toBe('POST ');
    expect(
      requests
        .slice(1)
        .map((r) => decodeURIComponent(r))
        .sort(),
    ).toEqual([
      expect.stringMatching(
        /^GET \/DocumentReference\?patient=Patient\/pt-casey-morgan&_sort=-date&_count=50$/,
      ),
      expect.stringMatching(
        /^GET \/Encounter\?patient=Patient\/pt-casey-morgan&_sort=-date&_count=50&_revinclude=/,
      ),
    ]);
  });

  it('renders only the rows in view, however much history is loaded', async () => {
    const page = await suite.context.newPage();
    const app = await openCasey(page);
    const box = app.getByRole('region', { name: 'Timeline, newest first' });
    // Load everything through the button, then check the DOM stays small.
    const older = app.getByRole('button', { name: 'Load older history' });
    for (let pages = 0; pages < 20 && (await older.count()) > 0; pages++) {
      await older.click();
      await app.getByRole('status').filter({ hasText: 'Loading history…' }).waitFor({ state: 'detached' });
    }
    await app.getByText('This is the whole history the EHR shared.').waitFor();
    // About 590 rows of 64 px are scrollable, while only a screenful is in the DOM.
    expect(await box.evaluate((element) => element.scrollHeight)).toBeGreaterThan(550 * 64);
    const rendered = await box.locator('li').count();
    expect(rendered).toBeLessThan(60);
    await box.evaluate((element) => {
      element.scrollTop = element.scrollHeight;
    });
    await expect
      .poll(() => box.locator('.timeline-row time').last().getAttribute('dateTime'))
      .toMatch(/^201[6-7]-/);
    expect(await box.locator('li').count()).toBeLessThan(60);
  });

  it('pages in older history as the clinician scrolls to the end', async () => {
    const page = await suite.context.newPage();
    const requests = recordFhirRequests(page);
    const app = await openCasey(page);
    const box = app.getByRole('region', { name: 'Timeline, newest first' });
    const scrollHeight = () => box.evaluate((element) => element.scrollHeight);
    for (let step = 0; step < 3; step++) {
      const before = await scrollHeight();
      await box.evaluate((element) => {
        element.scrollTop = element.scrollHeight;
      });
      await expect.poll(() => requests.filter((r) => r.includes('_offset=')).length).toBeGreaterThan(step);
      // The next scroll only reaches a new end once this page's rows are in: scrolling while the list
      // is still as long as before moves nothing, and the sentinel stays where it was.
      await expect.poll(scrollHeight).toBeGreaterThan(before);
    }
    expect(requests.filter((r) => r.includes('_offset=')).every((r) => r.startsWith('GET /Encounter?'))).toBe(
      true,
    );
  });

  it('hides the draft in progress until asked, and labels the Part 2 note', async () => {
    const page = await suite.context.newPage();
    const app = await openCasey(page);
    const box = app.getByRole('region', { name: 'Timeline, newest first' });
    expect(await box.getByText('draft in progress').count()).toBe(0);
    await app.getByLabel('Show drafts in progress').check();
    await expect.poll(() => box.getByText('draft in progress').count()).toBe(1);
    await expect.poll(() => box.getByText('Restricted — 42 CFR Part 2').count()).toBe(1);
    const row = box.locator('.timeline-row').filter({ hasText: 'Restricted — 42 CFR Part 2' });
    await row.getByRole('button', { name: /^Open note/ }).click();
    const detail = app.getByRole('region', { name: /^Peer support note/ });
    await expect
      .poll(() => detail.getByRole('note').textContent())
      .toContain('Restricted — 42 CFR Part 2: do not redisclose without consent');
  });

  it('filters to clinical care and shows the ED visits standing out', async () => {
    const page = await suite.context.newPage();
    const app = await openCasey(page);
    await app.getByLabel('Clinical care only').check();
    const box = app.getByRole('region', { name: 'Timeline, newest first' });
    await expect.poll(() => box.locator('.badge--peer').count()).toBe(0);
    await expect.poll(() => box.locator('.timeline-row--acute').count()).toBeGreaterThan(0);
    expect(await box.locator('.timeline-row--acute .badge').first().textContent()).toBe('ED visit');
    const frame = page.frames().find((f) => f.url().startsWith(suite.sandbox.appOrigin));
    if (frame) {
      expect(await axeViolations(frame, '.clinician')).toEqual([]);
    }
  });
});
