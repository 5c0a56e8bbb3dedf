/**
 * FHIR requests per sandbox personality (`open`, `epic`, `oracle`), in Chromium against the app's
 * production build, signed in as the peer Alex Rivera for Maria Santos:
 * - context_requests_<ehr>: requests from opening the Peer support tab until the first screen has
 *   settled (the documentation form, the clinician view, or the error screen);
 * - context_loaded_<ehr>: 1 when that first screen showed the patient's record, 0 when it showed an error;
 * - save_requests_<ehr>: requests one Sign and submit of a complete note makes, until the submitted
 *   note or the save problem is shown; absent (with a line on stderr) where the form never opened.
 * Counts leave out the background /metadata read, SMART discovery and CORS preflights, as the save and
 * timeline figures do. No budgets: these figures follow what each vendor accepts, and change as the
 * write plan and the reads learn each server.
 */
import type { FrameLocator, Page } from 'playwright-core';
import type { SandboxOptions } from '../../mocks/sandbox/server';
import { launchChromium } from '../../tests/browser/support/chromium';
import { openPeerSupportTab, signInToEhr } from '../../tests/browser/support/ehr-page';
import {
  documentationForm,
  fillCompleteNote,
  PEER_USERNAME,
  submittedNote,
} from '../../tests/browser/support/note-form';
import { startTestSandbox, type TestSandbox } from '../../tests/browser/support/test-sandbox';
import { countFhirRequests } from './fhir-requests';

export type Personality = NonNullable<SandboxOptions['ehr']>;
export const PERSONALITIES: readonly Personality[] = ['open', 'epic', 'oracle'];

const PATIENT = 'pt-maria-santos';
const SETTLE_MS = 30_000;

export interface VendorRequestFigures {
  readonly figures: Record<string, number>;
  /** Why a figure is missing, for stderr. */
  readonly notes: readonly string[];
}

type FirstScreen = 'peer' | 'clinician' | 'error';

/** Opens the tab and waits until it shows the documentation form, the clinician view or the error. */
async function firstScreen(
  page: Page,
  sandbox: TestSandbox,
): Promise<{ app: FrameLocator; shown: FirstScreen }> {
  const app = await openPeerSupportTab(page, sandbox.ehrUrl, PATIENT);
  const form = documentationForm(app);
  const clinician = app.locator('.clinician-section').first();
  await form.or(clinician).or(app.locator('.message--error')).first().waitFor({ timeout: SETTLE_MS });
  if (await form.isVisible()) {
    return { app, shown: 'peer' };
  }
  return { app, shown: (await clinician.isVisible()) ? 'clinician' : 'error' };
}

async function oneSave(app: FrameLocator): Promise<boolean> {
  await app.getByRole('button', { name: 'Sign and submit' }).click();
  const saved = submittedNote(app);
  await saved.or(app.locator('.save-status--problem')).first().waitFor({ timeout: SETTLE_MS });
  return saved.isVisible();
}

async function measureOne(ehr: Personality, figures: Record<string, number>, notes: string[]): Promise<void> {
  const sandbox = await startTestSandbox({ ehr });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await signInToEhr(page, sandbox.ehrUrl, PEER_USERNAME);
    const context = await countFhirRequests(page, sandbox, () => firstScreen(page, sandbox));
    figures[`context_requests_${ehr}`] = context.requests;
    const { app, shown } = context.result;
    figures[`context_loaded_${ehr}`] = shown === 'error' ? 0 : 1;
    if (shown !== 'peer') {
      notes.push(
        `save_requests_${ehr} not measured: the documentation form did not open on the ${ehr} personality` +
          (shown === 'clinician'
            ? ' (the peer was shown the clinician view).'
            : ' (the record could not be loaded).'),
      );
      return;
    }
    await fillCompleteNote(app);
    const save = await countFhirRequests(page, sandbox, () => oneSave(app));
    figures[`save_requests_${ehr}`] = save.requests;
    if (!save.result) {
      notes.push(`save_requests_${ehr}: the save was refused on the ${ehr} personality (counted anyway).`);
    }
  } finally {
    await browser.close();
    await sandbox.dispose();
  }
}

/** Expects the app built into the browser tests' dist folder (the save bench builds it first). */
export async function measureVendorRequests(): Promise<VendorRequestFigures> {
  const figures: Record<string, number> = {};
  const notes: string[] = [];
  for (const ehr of PERSONALITIES) {
    await measureOne(ehr, figures, notes);
  }
  return { figures, notes };
}
