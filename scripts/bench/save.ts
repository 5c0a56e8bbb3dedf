import type { Frame, Page } from 'playwright-core';
import { launchChromium } from '../../tests/browser/support/chromium';
import buildApp from '../../tests/browser/support/global-setup';
import {
  appFrame,
  fillCompleteNote,
  openDocumentation,
  signAndSubmit,
  submittedNote,
} from '../../tests/browser/support/note-form';
import { startTestSandbox, type TestSandbox } from '../../tests/browser/support/test-sandbox';
import { countFhirRequests } from './fhir-requests';

/**
 * Signing a complete note: one FHIR request for the record (the transaction), plus one read of the
 * Goal the note gives progress on, to set its achievementStatus on the current version (decision
 * 0015; a PUT follows only when the status changes, and the bench's progress matches the seed's); and
 * the confirmation on screen within twice the time the save's own FHIR requests took (the baseline,
 * measured in the same save).
 */
export const SAVE_BUDGETS = { save_requests: 2, save_vs_network_ratio: 2 } as const;

export interface SaveFigures {
  /** The most FHIR requests one Sign and submit made (the background /metadata read not counted). */
  readonly save_requests: number;
  /** Median time from the Sign and submit click to the "Submitted note" heading in the page. */
  readonly save_ms: number;
  /** Median time from the click to the end of the save's last FHIR answer. */
  readonly save_network_ms: number;
  /** Median of save_ms / save_network_ms: the app's own cost around the server's. */
  readonly save_vs_network_ratio: number;
}

const SAVES = 5;

interface SaveTiming {
  clickedAt?: number;
  shownAt?: number;
  /** The end of the last FHIR answer (Resource Timing) before the confirmation appeared. */
  answeredAt?: number;
}

/**
 * Times one save inside the app frame, so the figure is the app's own work and the server's, not
 * the time Playwright takes to notice: the click's timestamp in a capturing listener, and the moment
 * the confirmation heading enters the document from a MutationObserver.
 */
async function startSaveClock(frame: Frame, fhirBaseUrl: string): Promise<void> {
  // Inline callbacks only: tsx names `const f = () => …` with a helper the page does not have.
  await frame.evaluate((fhirBase) => {
    const timing: SaveTiming = {};
    performance.clearResourceTimings();
    performance.setResourceTimingBufferSize(1000);
    (window as { saveTiming?: SaveTiming }).saveTiming = timing;
    document.addEventListener(
      'click',
      (event) => {
        const button = event.target instanceof Element ? event.target.closest('button') : null;
        if (timing.clickedAt === undefined && button?.textContent === 'Sign and submit') {
          timing.clickedAt = performance.now();
        }
      },
      true,
    );
    new MutationObserver((_changes, observer) => {
      if (document.getElementById('saved-note-title')?.textContent === 'Submitted note') {
        timing.shownAt = performance.now();
        const answers = performance
          .getEntriesByType('resource')
          .filter((entry) => entry.name.startsWith(fhirBase) && !entry.name.endsWith('/metadata'))
          .filter((entry) => entry.startTime >= (timing.clickedAt ?? Infinity));
        timing.answeredAt = Math.max(...answers.map((entry) => entry.startTime + entry.duration));
        observer.disconnect();
      }
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  }, fhirBaseUrl);
}

async function readSaveClock(frame: Frame): Promise<{ ms: number; networkMs: number }> {
  const timing = await frame.evaluate(() => (window as { saveTiming?: SaveTiming }).saveTiming);
  if (timing?.clickedAt === undefined || timing.shownAt === undefined) {
    throw new Error(
      'The save was not timed: the Sign and submit click or the Submitted note heading was missed.',
    );
  }
  const answeredAt = timing.answeredAt ?? Number.NaN;
  if (!Number.isFinite(answeredAt)) {
    throw new Error(
      'The save was not timed: no FHIR answer was seen between the click and the confirmation.',
    );
  }
  return { ms: timing.shownAt - timing.clickedAt, networkMs: answeredAt - timing.clickedAt };
}

async function timeOneSave(
  page: Page,
  sandbox: TestSandbox,
): Promise<{ ms: number; networkMs: number; requests: number }> {
  const app = page.frameLocator('iframe[title="PeerBridge"]');
  await fillCompleteNote(app);
  const frame = appFrame(page, sandbox);
  await startSaveClock(frame, sandbox.fhirBaseUrl);
  const { requests } = await countFhirRequests(page, sandbox, () => signAndSubmit(app));
  return { ...(await readSaveClock(frame)), requests };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * Builds the app, starts a sandbox EHR and Chromium, signs in as the peer and signs {@link SAVES}
 * complete notes for Maria, each a new note, timing each from click to confirmation.
 */
export async function measureSave(): Promise<SaveFigures> {
  await buildApp();
  const sandbox = await startTestSandbox();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const app = await openDocumentation(page, sandbox, 'pt-maria-santos');
    const times: number[] = [];
    const networkTimes: number[] = [];
    const ratios: number[] = [];
    let mostRequests = 0;
    for (let save = 0; save < SAVES; save++) {
      if (save > 0) {
        await app.getByRole('button', { name: 'Start a new note' }).click();
        await submittedNote(app).waitFor({ state: 'detached' });
      }
      const { ms, networkMs, requests } = await timeOneSave(page, sandbox);
      times.push(ms);
      networkTimes.push(networkMs);
      ratios.push(ms / networkMs);
      mostRequests = Math.max(mostRequests, requests);
    }
    return {
      save_requests: mostRequests,
      save_ms: median(times),
      save_network_ms: median(networkTimes),
      save_vs_network_ratio: median(ratios),
    };
  } finally {
    await browser.close();
    await sandbox.dispose();
  }
}
