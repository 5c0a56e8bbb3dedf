/**
 * The production build runs under the headers IT deploys it with (scripts/deploy/security-headers.ts),
 * served by the sandbox exactly as dist/deploy/nginx.conf would: the EHR launch, a peer's note and a
 * clinician's timeline work without a single CSP violation (Trusted Types required, so no HTML or
 * script string reaches a DOM sink), no source map is deployed, and a site that is not the EHR cannot
 * frame PeerBridge.
 */
import { readdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { useBrowserSuite } from './support/browser-suite';
import { watchCsp, type CspWatch } from './support/csp-watch';
import { openPeerSupportTab, signInToEhr } from './support/ehr-page';
import { DIST_DIR } from './support/global-setup';
import { appFrame, fillMinimalNote, openDocumentation, signAndSubmit } from './support/note-form';

const PATIENT = 'pt-maria-santos';

const suite = useBrowserSuite({ contextPerTest: true });
let csp: CspWatch;

beforeEach(async () => {
  csp = await watchCsp(suite.context);
});

async function appHeaders(path: string): Promise<Headers> {
  const response = await fetch(new URL(path, suite.sandbox.appOrigin));
  await response.arrayBuffer();
  return response.headers;
}

/** A web page on an origin that is not the EHR, embedding PeerBridge's launch page. */
async function startForeignSite(frameUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><title>Not the EHR</title><iframe title="PeerBridge" src="${frameUrl}"></iframe>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://localhost:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('the production build under its security headers', () => {
  it('has no inline script or style in its HTML pages', async () => {
    for (const page of ['index.html', 'launch/index.html']) {
      const html = await readFile(join(DIST_DIR, page), 'utf8');
      expect(html, page).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
      expect(html, page).not.toMatch(/<style[\s>]/);
      expect(html, page).not.toMatch(/\sstyle=/);
    }
  });

  it('serves a CSP without unsafe-inline or unsafe-eval, framed only by the EHR', async () => {
    const headers = await appHeaders('/');
    const policy = headers.get('content-security-policy') ?? '';
    const ehrOrigin = new URL(suite.sandbox.ehrUrl).origin;

    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toMatch(/unsafe-(inline|eval)/);
    expect(policy).toContain(`connect-src 'self' ${ehrOrigin}`);
    expect(policy).toContain(`frame-ancestors 'self' ${ehrOrigin};`);
    expect(policy).toContain("require-trusted-types-for 'script'");
    expect(policy).toContain("trusted-types 'none'");
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('cache-control')).toBe('no-cache');
  });

  it('deploys no source maps', async () => {
    const assets = await readdir(join(DIST_DIR, 'assets'));
    expect(assets.filter((name) => name.endsWith('.map'))).toEqual([]);
    for (const name of assets.filter((file) => file.endsWith('.js'))) {
      expect(await readFile(join(DIST_DIR, 'assets', name), 'utf8'), name).not.toContain('sourceMappingURL');
    }
  });

  it('caches the hashed assets for a year and revalidates the configuration', async () => {
    const html = await readFile(join(DIST_DIR, 'index.html'), 'utf8');
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1] ?? '';

    expect((await appHeaders(script)).get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await appHeaders('/peerbridge.config.json')).get('cache-control')).toBe('no-cache');
  });

  it('launches from the chart and lets a peer sign a note with no CSP violation', async () => {
    const page = await suite.context.newPage();
    csp.watchConsole(page);
    const app = await openDocumentation(page, suite.sandbox, PATIENT);
    await expect
      .poll(() => app.getByRole('region', { name: 'Active problems' }).textContent())
      .toMatch(/depress/i);

    await fillMinimalNote(app, 'Walked to the library together under a strict policy.');
    const note = await signAndSubmit(app);

    expect(await note.textContent()).toContain('Walked to the library together');
    expect(csp.violations).toEqual([]);
    expect(csp.consoleErrors).toEqual([]);
  });

  it('shows a clinician the timeline of care with no CSP violation', async () => {
    const page = await suite.context.newPage();
    csp.watchConsole(page);
    await signInToEhr(page, suite.sandbox.ehrUrl, 'sam.okafor');
    const app = await openPeerSupportTab(page, suite.sandbox.ehrUrl, PATIENT);
    await app.getByRole('heading', { name: 'Timeline of care' }).waitFor({ timeout: 15_000 });
    await expect.poll(() => app.getByRole('listitem').count()).toBeGreaterThan(1);

    expect(csp.violations).toEqual([]);
    expect(csp.consoleErrors).toEqual([]);
  });

  it('would notice a violation: an inline style attribute set in the app is refused', async () => {
    // Proves the two checks above can fail: the same watch sees what the policy blocks.
    const page = await suite.context.newPage();
    await signInToEhr(page, suite.sandbox.ehrUrl, 'sam.okafor');
    const app = await openPeerSupportTab(page, suite.sandbox.ehrUrl, PATIENT);
    await app.getByRole('heading', { name: 'Timeline of care' }).waitFor({ timeout: 15_000 });

    const color = await appFrame(page, suite.sandbox).evaluate(() => {
      document.body.setAttribute('style', 'color: rgb(255, 0, 0)');
      return getComputedStyle(document.body).color;
    });

    expect(color).not.toBe('rgb(255, 0, 0)');
    await expect.poll(() => csp.violations.map((v) => v.directive)).toContain('style-src-attr');
  });

  it('would notice a Trusted Types violation: an HTML string written to innerHTML is refused', async () => {
    const page = await suite.context.newPage();
    await signInToEhr(page, suite.sandbox.ehrUrl, 'sam.okafor');
    const app = await openPeerSupportTab(page, suite.sandbox.ehrUrl, PATIENT);
    await app.getByRole('heading', { name: 'Timeline of care' }).waitFor({ timeout: 15_000 });

    const written = await appFrame(page, suite.sandbox).evaluate(() => {
      const probe = document.createElement('div');
      try {
        probe.innerHTML = '<b>injected</b>';
      } catch {
        // Chromium throws a TypeError when Trusted Types refuse the string.
      }
      return probe.childElementCount;
    });

    expect(written).toBe(0);
    await expect.poll(() => csp.violations.map((v) => v.directive)).toContain('require-trusted-types-for');
  });

  it('refuses to be framed by a site that is not the EHR', async () => {
    const launchUrl = `${suite.sandbox.launchUrl}?iss=${encodeURIComponent(suite.sandbox.fhirBaseUrl)}`;
    const foreign = await startForeignSite(launchUrl);
    try {
      const page = await suite.context.newPage();
      const refusals: string[] = [];
      page.on('console', (message) => {
        if (/frame-ancestors/.test(message.text())) {
          refusals.push(message.text());
        }
      });
      await page.goto(foreign.url);

      await expect.poll(() => refusals.length).toBeGreaterThan(0);
      const frame = page.frames().find((f) => f !== page.mainFrame());
      expect(frame?.url()).not.toBe(launchUrl);
      expect(await page.frameLocator('iframe').locator('#launch').count()).toBe(0);
    } finally {
      await foreign.close();
    }
  });
});
