/**
 * "My people" figures, in Chromium against the local sandbox, for a peer with 300 people (the seed's
 * 35 on Alex Rivera's caseload and 265 more generated the same way):
 * - caseload_requests: the caseload's own FHIR requests before its first row is painted (care
 *   teams, contacts, and any fallback searches); budgeted at 3;
 * - caseload_launch_requests: every FHIR request before that paint, the signed-in user's reads too;
 * - caseload_first_paint_ms: opening PeerBridge from the EHR home (signed in) to the first row
 *   visible, a full SMART EHR launch each time: the median of five after one uncounted warm-up;
 * - caseload_data_ms: the same launches to the end of the last FHIR answer before that paint (the
 *   baseline), and caseload_first_paint_vs_data_ratio, the budgeted ratio of the two.
 */
import type { Browser, Request } from 'playwright-core';
import { buildCaseload } from '../../mocks/fixtures/seed/caseloads';
import type { Sandbox } from '../../mocks/sandbox/server';
import { withBuiltSandbox } from './built-sandbox';
import { signInToEhr } from '../../tests/browser/support/ehr-page';
import { isFhirRequest } from './fhir-requests';
import { median } from './median';

const LAUNCHES = 5;
/** Alex Rivera's seed caseload (5 hand-written, 30 generated) plus these make 300. */
const EXTRA_PEOPLE = 265;
const CASELOAD_TYPES = new Set(['CareTeam', 'Encounter', 'Task', 'Patient']);

export interface CaseloadFigures {
  readonly caseload_people: number;
  readonly caseload_requests: number;
  readonly caseload_launch_requests: number;
  readonly caseload_first_paint_ms: number;
  readonly caseload_data_ms: number;
  readonly caseload_first_paint_vs_data_ratio: number;
}

export const CASELOAD_BUDGETS: Partial<Record<keyof CaseloadFigures, number>> = {
  caseload_requests: 3,
  caseload_first_paint_vs_data_ratio: 1.5,
};

interface Launch {
  readonly caseloadRequests: number;
  readonly requests: number;
  readonly ms: number;
  readonly dataMs: number;
}

function resourceType(sandbox: Sandbox, request: Request): string {
  return request.url().slice(sandbox.fhirBaseUrl.length).replace(/^\//, '').split(/[/?]/)[0] ?? '';
}

/**
 * Runs in every frame before its scripts: notes the wall-clock time the first caseload row enters
 * the page, so requests can be counted against the paint itself and not against when the test
 * noticed it (the next contacts page starts right after the paint).
 */
const PAINT_WATCH = `new MutationObserver((_, observer) => {
  if (document.querySelector('.caseload-table tbody tr')) {
    window.__caseloadPaintedAt = performance.timeOrigin + performance.now();
    observer.disconnect();
  }
}).observe(document, { childList: true, subtree: true });`;

async function firstPaint(browser: Browser, sandbox: Sandbox): Promise<Launch> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await signInToEhr(page, sandbox.ehrUrl, 'alex.rivera');
    await context.addInitScript({ content: PAINT_WATCH });
    const started: { request: Request; at: number }[] = [];
    const finished: number[] = [];
    page.on('request', (request) => {
      if (isFhirRequest(request, sandbox)) {
        started.push({ request, at: Date.now() });
      }
    });
    page.on('requestfinished', (request) => {
      if (isFhirRequest(request, sandbox)) {
        finished.push(Date.now());
      }
    });
    const launchedAt = Date.now();
    await page.goto(new URL('ehr/peerbridge', sandbox.ehrUrl).href);
    const app = page.frameLocator('iframe[title="PeerBridge"]');
    await app.locator('.caseload-table tbody tr').first().waitFor({ state: 'visible', timeout: 60_000 });
    const frame = page.frames().find((f) => f.url().startsWith(sandbox.appOrigin));
    const paintedAt = await frame?.evaluate(
      () => (window as unknown as { __caseloadPaintedAt?: number }).__caseloadPaintedAt,
    );
    if (paintedAt === undefined) {
      throw new Error('The caseload bench could not see when the first row was painted.');
    }
    const before = started.filter((s) => s.at <= paintedAt).map((s) => s.request);
    return {
      caseloadRequests: before.filter((r) => CASELOAD_TYPES.has(resourceType(sandbox, r))).length,
      requests: before.length,
      ms: paintedAt - launchedAt,
      dataMs: Math.max(...finished.filter((at) => at <= paintedAt)) - launchedAt,
    };
  } finally {
    await context.close();
  }
}

export function measureCaseload(): Promise<CaseloadFigures> {
  return withBuiltSandbox('caseload', async (sandbox, browser, today) => {
    await sandbox.fhir.internal.add(buildCaseload(today, 'alexRivera', 'bn', EXTRA_PEOPLE));
    const people = (
      await sandbox.fhir.internal.search('CareTeam', {
        participant: 'Practitioner/pr-alex-rivera',
        _count: '1000',
      })
    ).length;
    await firstPaint(browser, sandbox);
    const launches: Launch[] = [];
    for (let launch = 0; launch < LAUNCHES; launch++) {
      launches.push(await firstPaint(browser, sandbox));
    }
    return {
      caseload_people: people,
      caseload_requests: Math.max(...launches.map((l) => l.caseloadRequests)),
      caseload_launch_requests: Math.max(...launches.map((l) => l.requests)),
      caseload_first_paint_ms: median(launches.map((l) => l.ms)),
      caseload_data_ms: median(launches.map((l) => l.dataMs)),
      caseload_first_paint_vs_data_ratio: median(launches.map((l) => l.ms / l.dataMs)),
    };
  });
}
