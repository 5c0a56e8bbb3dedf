/**
 * `npm run build:demo` makes a site that runs PeerBridge with no EHR and no server behind it: served
 * as plain static files, a visitor picks a role and a person, documents a contact, and no request
 * leaves the demo's own origin.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { DIST_DIR } from './support/global-setup';
import { serveStatic, type StaticServer } from './support/static-server';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DEMO_NOTICE = 'Demo — synthetic data, nothing is sent anywhere';

let outDir: string;
let site: StaticServer;
let browser: Browser;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'peerbridge-demo-'));
  await build({
    configFile: join(ROOT, 'vite.demo.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  site = await serveStatic(outDir);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser.close();
  await site.close();
  await rm(outDir, { recursive: true, force: true });
});

/** Every request the pages and the service worker make, with the page's console errors. */
function recordTraffic(context: BrowserContext): {
  urls: string[];
  errors: string[];
  watch(page: Page): void;
} {
  const urls: string[] = [];
  const errors: string[] = [];
  context.on('request', (request) => urls.push(request.url()));
  return {
    urls,
    errors,
    watch(page) {
      page.on('console', (message) => {
        if (message.type() === 'error') {
          errors.push(`${message.text()} (${message.location().url})`);
        }
      });
    },
  };
}

async function openAs(page: Page, person: RegExp, patient: string): Promise<void> {
  await page.goto(`${site.origin}/`);
  await page.getByRole('radio', { name: person }).check();
  await page.getByLabel('Whose chart').selectOption({ value: patient });
  await page.getByRole('button', { name: 'Open PeerBridge' }).click();
}

describe('the demo build', () => {
  it('lets a peer document a contact for a synthetic person, all inside the browser', async () => {
    const context = await browser.newContext();
    const traffic = recordTraffic(context);
    const page = await context.newPage();
    traffic.watch(page);

    await openAs(page, /Alex Rivera/, 'pt-maria-santos');
    const form = page.getByRole('form', { name: 'Document a peer support contact' });
    await form.waitFor({ timeout: 20_000 });
    expect(await page.getByRole('note').textContent()).toBe(DEMO_NOTICE);
    await expect
      .poll(() => page.getByRole('region', { name: 'Active problems' }).textContent())
      .toMatch(/depress/i);

    await page.getByLabel('Duration (minutes)').fill('30');
    await page
      .getByRole('group', { name: 'How you were in contact' })
      .getByRole('radio', { name: 'Phone' })
      .check();
    await page.getByRole('button', { name: 'Engagement' }).click();
    await page
      .getByLabel('What happened (plain, strengths-based words)')
      .fill('Talked about the choir concert.');
    await page.getByRole('button', { name: 'Sign and submit' }).click();
    const note = page.getByRole('region', { name: 'Submitted note' });
    await note.waitFor({ timeout: 15_000 });

    expect(await note.textContent()).toContain('Talked about the choir concert.');
    expect(traffic.urls.filter((url) => !url.startsWith(`${site.origin}/`))).toEqual([]);
    expect(traffic.errors).toEqual([]);
    await context.close();
  });

  it('shows a clinician the timeline, marked as the demo', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();

    await openAs(page, /Sam Okafor/, 'pt-maria-santos');
    await page.getByRole('heading', { name: 'Timeline of care' }).waitFor({ timeout: 20_000 });

    expect(await page.getByRole('note').textContent()).toBe(DEMO_NOTICE);
    await context.close();
  });

  it('refuses any request to another origin', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await openAs(page, /Alex Rivera/, 'pt-maria-santos');
    await page.getByRole('form', { name: 'Document a peer support contact' }).waitFor({ timeout: 20_000 });

    const outcome = await page.evaluate(() =>
      fetch('https://fhir.example.org/Patient').then(
        () => 'reached',
        () => 'refused',
      ),
    );

    expect(outcome).toBe('refused');
    await context.close();
  });

  it('locks every demo page to its own origin with a CSP of its own', async () => {
    for (const page of ['index.html', 'launch/index.html', 'app/index.html', 'ehr/authorize.html']) {
      const html = await readFile(join(outDir, page), 'utf8');
      expect(html, page).toContain('http-equiv="Content-Security-Policy"');
      expect(html, page).toContain('connect-src &#39;self&#39;;');
      expect(html, page).toContain('require-trusted-types-for &#39;script&#39;; trusted-types default');
    }
    expect(await readdir(outDir)).toContain('mockServiceWorker.js');
  });

  it('leaves the real build without any of the demo', async () => {
    const assets = join(DIST_DIR, 'assets');
    for (const file of (await readdir(assets)).filter((name) => name.endsWith('.js'))) {
      const code = await readFile(join(assets, file), 'utf8');
      expect(code, file).not.toContain('synthetic data, nothing is sent anywhere');
      expect(code, file).not.toContain('mockServiceWorker');
    }
    expect(await readdir(DIST_DIR)).not.toContain('mockServiceWorker.js');
  });
});
