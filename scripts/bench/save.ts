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

/** Signing a complete note: one FHIR request (the transaction), and the result on screen within 300 ms. */
export const SAVE_BUDGETS = { save_requests: 1, save_ms: 300 } as const;

export interface SaveFigures {
  /** The most FHIR requests one Sign and submit made (the background /metadata read not counted). */
  readonly save_requests: number;
  /** Median time from the Sign and submit click to the "Submitted note" heading in the page. */
  readonly save_ms: number;
}

const SAVES = 5;

interface SaveTiming {
  clickedAt?: number;
  shownAt?: number;
}

/**
 * Times one save inside the app frame, so the figure is the app's own work and the server's, not
 * the time Playwright takes to notice: the click's timestamp in a capturing listener, and the moment
 * the confirmation heading enters the document from a MutationObserver.
 */
async function startSaveClock(frame: Frame): Promise<void> {
  // Inline callbacks only: tsx names `const f = () => …` with a helper the page does not have.
  await frame.evaluate(() => {
    const timing: SaveTiming = {};
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
        observer.disconnect();
      }
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
}

async function readSaveClock(frame: Frame): Promise<number> {
  const timing = await frame.evaluate(() => (window as { saveTiming?: SaveTiming }).saveTiming);
  if (timing?.clickedAt === undefined || timing.shownAt === undefined) {
    throw new Error(
      'The save was not timed: the Sign and submit click or the Submitted note heading was missed.',
    );
  }
  return timing.shownAt - timing.clickedAt;
}

async function timeOneSave(page: Page, sandbox: TestSandbox): Promise<{ ms: number; requests: number }> {
  const app = page.frameLocator('iframe[title="PeerBridge"]');
  await fillCompleteNote(app);
  const frame = appFrame(page, sandbox);
  await startSaveClock(frame);
  const { requests } = await countFhirRequests(page, sandbox, () => signAndSubmit(app));
  return { ms: await readSaveClock(frame), requests };
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
    let mostRequests = 0;
    for (let save = 0; save < SAVES; save++) {
      if (save > 0) {
        await app.getByRole('button', { name: 'Start a new note' }).click();
        await submittedNote(app).waitFor({ state: 'detached' });
      }
      const { ms, requests } = await timeOneSave(page, sandbox);
      times.push(ms);
      mostRequests = Math.max(mostRequests, requests);
    }
    return { save_requests: mostRequests, save_ms: median(times) };
  } finally {
    await browser.close();
    await sandbox.dispose();
  }
}
