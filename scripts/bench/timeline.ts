/**
 * Clinician timeline figures, in Chromium against the local sandbox, for Casey Morgan's ten years of
 * weekly peer contact (mocks/fixtures/large-history.ts):
 * - timeline_requests: FHIR requests before the first timeline row is painted;
 * - timeline_first_paint_ms: opening the patient's Peer support tab (signed in) to the first row
 *   visible, each a full SMART EHR launch: the median of five, after one warm-up launch that is not
 *   counted (the sandbox's first search of a process compiles its search expressions);
 * - timeline_data_ms: the same launches to the end of the last FHIR answer before that paint (the
 *   baseline), and timeline_first_paint_vs_data_ratio, the budgeted ratio of the two;
 * - timeline_render_ms_windowed / _unwindowed: rendering the 500-encounter timeline with only the
 *   visible rows, and with every row; timeline_windowed_vs_unwindowed_ratio is budgeted.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build, type Rolldown } from 'vite';
import { buildLargeHistory, CASEY_ID } from '../../mocks/fixtures/large-history';
import type { Sandbox } from '../../mocks/sandbox/server';
import { ROOT, withBuiltSandbox } from './built-sandbox';
import { openPeerSupportTab, signInToEhr } from '../../tests/browser/support/ehr-page';
import { pruneFhirProfiles } from '../vite/prune-fhir-profiles';
import { median } from './median';

const RENDER_RUNS = 7;
const LAUNCHES = 5;

export interface TimelineFigures {
  readonly timeline_requests: number;
  readonly timeline_first_paint_ms: number;
  readonly timeline_data_ms: number;
  readonly timeline_first_paint_vs_data_ratio: number;
  readonly timeline_render_ms_windowed: number;
  readonly timeline_render_ms_unwindowed: number;
  readonly timeline_windowed_vs_unwindowed_ratio: number;
}

/**
 * Requests before the first row (the context batch, the encounter search, the notes search); the first row at most half as long again as waiting for its data
 * (the launch and the FHIR answers are the baseline); windowing at least halves the render.
 */
export const TIMELINE_BUDGETS: Partial<Record<keyof TimelineFigures, number>> = {
  timeline_requests: 3,
  timeline_first_paint_vs_data_ratio: 1.5,
  timeline_windowed_vs_unwindowed_ratio: 0.5,
};

interface Launch {
  readonly requests: number;
  readonly ms: number;
  readonly dataMs: number;
}

async function firstPaint(browser: Browser, sandbox: Sandbox): Promise<Launch> {
  const context = await browser.newContext();
  try {
    const page: Page = await context.newPage();
    await signInToEhr(page, sandbox.ehrUrl, 'sam.okafor');
    const requests: string[] = [];
    let painted = false;
    let lastAnswerAt = 0;
    const counts = (url: string, method: string): boolean =>
      !painted &&
      url.startsWith(sandbox.fhirBaseUrl) &&
      !url.includes('.well-known') &&
      !url.endsWith('/metadata') &&
      method !== 'OPTIONS';
    page.on('request', (request) => {
      if (counts(request.url(), request.method())) {
        requests.push(request.url());
      }
    });
    page.on('requestfinished', (request) => {
      if (counts(request.url(), request.method())) {
        lastAnswerAt = performance.now();
      }
    });
    const started = performance.now();
    const app = await openPeerSupportTab(page, sandbox.ehrUrl, CASEY_ID);
    await app.locator('.timeline-row').first().waitFor({ state: 'visible', timeout: 30_000 });
    const ms = performance.now() - started;
    painted = true;
    return { requests: requests.length, ms, dataMs: lastAnswerAt - started };
  } finally {
    await context.close();
  }
}

async function renderScript(): Promise<string> {
  const output = await build({
    root: ROOT,
    configFile: false,
    logLevel: 'silent',
    plugins: [pruneFhirProfiles()],
    json: { stringify: true },
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      lib: {
        entry: join(ROOT, 'scripts/bench/timeline-render-page.tsx'),
        formats: ['iife'],
        name: 'peerbridgeTimelineBench',
      },
    },
  });
  const outputs = (Array.isArray(output) ? output : [output]) as Rolldown.RolldownOutput[];
  const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk');
  if (!chunk) {
    throw new Error('The timeline render bench did not build: no script chunk in the output.');
  }
  return chunk.code;
}

async function renderTimes(browser: Browser): Promise<{ windowed: number; unwindowed: number }> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.setContent(
      // The rules the windowing relies on: a fixed-height scrolling box (clinician.css has the same).
      '<!doctype html><style>.timeline-scroll{height:32rem;overflow-y:auto}.timeline-list{margin:0;padding:0}</style>',
    );
    await page.addScriptTag({ content: await renderScript() });
    const measure = (windowed: boolean) =>
      page.evaluate(
        ([w, runs]) =>
          (
            window as unknown as { benchTimelineRender(w: boolean, runs: number): number }
          ).benchTimelineRender(w, runs),
        [windowed, RENDER_RUNS] as const,
      );
    await measure(true); // warm-up: first-run JIT and font work are not the component's cost
    return { windowed: await measure(true), unwindowed: await measure(false) };
  } finally {
    await context.close();
  }
}

export function measureTimeline(): Promise<TimelineFigures> {
  return withBuiltSandbox('timeline', async (sandbox, browser, today) => {
    await sandbox.fhir.internal.add(buildLargeHistory(today));
    await firstPaint(browser, sandbox);
    const launches: Launch[] = [];
    for (let launch = 0; launch < LAUNCHES; launch++) {
      launches.push(await firstPaint(browser, sandbox));
    }
    const render = await renderTimes(browser);
    return {
      timeline_requests: Math.max(...launches.map((l) => l.requests)),
      timeline_first_paint_ms: median(launches.map((l) => l.ms)),
      timeline_data_ms: median(launches.map((l) => l.dataMs)),
      timeline_first_paint_vs_data_ratio: median(launches.map((l) => l.ms / l.dataMs)),
      timeline_render_ms_windowed: render.windowed,
      timeline_render_ms_unwindowed: render.unwindowed,
      timeline_windowed_vs_unwindowed_ratio: render.windowed / render.unwindowed,
    };
  });
}
