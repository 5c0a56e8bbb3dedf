import type { BrowserContext, Frame, FrameLocator, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe';
import { signInToEhr } from './support/ehr-page';
import { fillMinimalNote, openDocumentation, PEER_USERNAME, signAndSubmit } from './support/note-form';
import { useBrowserSuite } from './support/browser-suite';

const suite = useBrowserSuite({ resetDataPerTest: true });
const SUPERVISOR_USERNAME = 'riley.santos';
const NARRATIVE = 'Maria planned her first choir rehearsal and asked for a ride schedule.';

/** Each person at their own workstation: a browser context of their own, closed after the test. */
const contexts: BrowserContext[] = [];
async function workstation(): Promise<Page> {
  const context = await suite.browser.newContext();
  contexts.push(context);
  return context.newPage();
}
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

function appFrameOf(page: Page): Frame {
  const frame = page.frames().find((f) => f.url().startsWith(suite.sandbox.appOrigin));
  if (!frame) {
    throw new Error(`No PeerBridge frame on ${page.url()}`);
  }
  return frame;
}

/**
 * The supervisor signs in to the EHR and opens PeerBridge from its home page (a launch at user
 * level, no chart open): the home workspace shows the "Awaiting review" screen.
 */
async function openAwaitingReview(page: Page): Promise<FrameLocator> {
  await signInToEhr(page, suite.sandbox.ehrUrl, SUPERVISOR_USERNAME);
  await page
    .getByRole('link', { name: /PeerBridge/ })
    .first()
    .click();
  const app = page.frameLocator('iframe[title="PeerBridge"]');
  // The first tab a supervisor is shown (they also see the program report).
  const reviewTab = app.getByRole('tab', { name: 'Awaiting review' });
  await expect.poll(() => reviewTab.getAttribute('aria-selected'), { timeout: 20_000 }).toBe('true');
  await app.getByRole('tabpanel', { name: 'Awaiting review' }).waitFor({ timeout: 20_000 });
  await app.getByRole('table').waitFor({ timeout: 20_000 });
  return app;
}

/** The peer, at a workstation of their own, signs a new note for Maria: it enters the review queue. */
async function peerSignsMariasNote(): Promise<void> {
  const peerPage = await workstation();
  const peerApp = await openDocumentation(peerPage, suite.sandbox, 'pt-maria-santos');
  await fillMinimalNote(peerApp, NARRATIVE);
  await signAndSubmit(peerApp);
}

describe('supervision: a supervisor co-signs a peer note', () => {
  it('lists the new note first, co-signs it once, and the peer then sees "Reviewed by"', async () => {
    await peerSignsMariasNote();

    const supervisorPage = await workstation();
    const review = await openAwaitingReview(supervisorPage);
    const firstRow = review.getByRole('table').locator('tbody tr').first();
    await expect.poll(() => firstRow.textContent()).toMatch(/Maria.*Alex Rivera.*Phone/);

    const violations = await axeViolations(appFrameOf(supervisorPage), 'html');
    expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    await firstRow.getByRole('button', { name: /Open/ }).click();
    const note = review.getByRole('region', { name: /Peer support note/ });
    await expect.poll(() => note.textContent(), { timeout: 15_000 }).toContain(NARRATIVE);
    // Read-only: the supervisor can co-sign or return, never edit the peer's words.
    expect(await note.getByRole('textbox').count()).toBe(0);
    expect(
      await review.getByRole('button', { name: 'Return with comment' }).isDisabled(),
      'a return needs a comment',
    ).toBe(true);

    const opened = await axeViolations(appFrameOf(supervisorPage), 'html');
    expect(opened.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    const rows = review.getByRole('table').locator('tbody tr');
    const before = await rows.count();
    const cosigned = supervisorPage.waitForResponse(
      (response) => response.request().method() === 'POST' && response.url().endsWith('/Provenance'),
    );
    await review.getByRole('button', { name: 'Co-sign' }).click();
    expect((await cosigned).status()).toBeLessThan(300);
    await expect
      .poll(() => review.getByText(/^Co-signed .*Maria/).count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    expect(await rows.count()).toBe(before - 1);

    const peerAgain = await workstation();
    const peerView = await openDocumentation(peerAgain, suite.sandbox, 'pt-maria-santos');
    await peerView
      .getByRole('button', { name: /Open\s*peer contact/ })
      .first()
      .click();
    await expect
      .poll(() => peerView.getByRole('region', { name: 'Submitted note' }).textContent(), { timeout: 15_000 })
      .toMatch(/Reviewed by Riley Santos on /);
  });

  it("returns a note with a comment, and the peer reads the comment on Maria's row of My people", async () => {
    await peerSignsMariasNote();

    const supervisorPage = await workstation();
    const review = await openAwaitingReview(supervisorPage);
    const firstRow = review.getByRole('table').locator('tbody tr').first();
    await expect.poll(() => firstRow.textContent()).toMatch(/Maria.*Alex Rivera/);
    await firstRow.getByRole('button', { name: /Open/ }).click();
    await review.getByRole('region', { name: /Peer support note/ }).waitFor({ timeout: 15_000 });

    const comment = 'Please add what Maria said about the ride schedule, in her words.';
    await review.getByLabel(/What should the peer change/).fill(comment);
    const sent = supervisorPage.waitForResponse(
      (response) => response.request().method() === 'POST' && response.url().endsWith('/Communication'),
    );
    await review.getByRole('button', { name: 'Return with comment' }).click();
    expect((await sent).status()).toBeLessThan(300);
    await expect
      .poll(() => review.getByText(/^Returned .*Maria/).count(), { timeout: 15_000 })
      .toBeGreaterThan(0);

    const peerHome = await workstation();
    await signInToEhr(peerHome, suite.sandbox.ehrUrl, PEER_USERNAME);
    await peerHome.getByRole('link', { name: /PeerBridge: my people/ }).click();
    const home = peerHome.frameLocator('iframe[title="PeerBridge"]');
    const maria = home.getByRole('row', { name: /Maria Elena Santos/ });
    await expect
      .poll(() => maria.textContent(), { timeout: 20_000 })
      .toContain(`Latest note: Returned by Riley Santos: ${comment}`);
  });
});
