import type { Frame } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe';
import { openPeerSupportTab, signInToEhr } from './support/ehr-page';
import { pressUntilFocused } from './support/keyboard';
import {
  appFrame,
  documentationForm,
  fillCompleteNote,
  openDocumentation,
  PEER_USERNAME,
  signAndSubmit,
  submittedNote,
} from './support/note-form';
import { findPeerResources, narrativeOf, onlyEncounter } from './support/peer-records';
import { useBrowserSuite } from './support/browser-suite';

const suite = useBrowserSuite({ contextPerTest: true, resetDataPerTest: true });

/** axe-core over the app frame's whole document, one readable line per violation. */
async function violationsIn(frame: Frame): Promise<string[]> {
  const violations = await axeViolations(frame, 'html');
  return violations.map(
    (v) => `${v.id}: ${v.help} — ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
}

describe('the documentation screen for people using assistive technology', () => {
  it('has no axe-core violations empty, with validation messages, or as a submitted note', async () => {
    const page = await suite.context.newPage();
    const app = await openDocumentation(page, suite.sandbox, 'pt-maria-santos');
    const frame = appFrame(page, suite.sandbox);
    await app.getByRole('heading', { name: 'Active problems' }).waitFor();

    expect(await violationsIn(frame), 'empty form').toEqual([]);

    await app.getByRole('button', { name: 'Sign and submit' }).click();
    await app.getByLabel('Duration (minutes)').and(app.locator('[aria-invalid="true"]')).waitFor();
    expect(await violationsIn(frame), 'form with validation messages').toEqual([]);

    await fillCompleteNote(app);
    await signAndSubmit(app);
    expect(await violationsIn(frame), 'submitted note').toEqual([]);
  });

  it('lets a peer complete and submit a whole note with the keyboard alone', async () => {
    const page = await suite.context.newPage();
    await signInToEhr(page, suite.sandbox.ehrUrl, PEER_USERNAME);
    const app = await openPeerSupportTab(page, suite.sandbox.ehrUrl, 'pt-maria-santos');
    await documentationForm(app).waitFor({ timeout: 15_000 });
    const frame = appFrame(page, suite.sandbox);
    const narrative = 'We planned the bus route to the food bank together; Maria will try it on Friday.';

    // From the top of the EHR page into PeerBridge's frame, as a keyboard user gets there.
    await pressUntilFocused(page, frame, (e) => e.id === 'field-durationMinutes', 'Duration');
    await page.keyboard.type('40');
    await pressUntilFocused(page, frame, (e) => e.type === 'radio', 'How you were in contact');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await pressUntilFocused(page, frame, (e) => e.name === 'Coping skills', 'the Coping skills activity');
    await page.keyboard.press('Space');
    await pressUntilFocused(page, frame, (e) => e.name === 'Empowerment', 'the Empowerment activity');
    await page.keyboard.press('Enter');
    await pressUntilFocused(page, frame, (e) => e.id === 'field-narrative', 'the note');
    await page.keyboard.type(narrative);
    await pressUntilFocused(page, frame, (e) => e.name === 'Sign and submit', 'Sign and submit');
    await page.keyboard.press('Enter');

    const note = submittedNote(app);
    await note.waitFor({ timeout: 15_000 });
    expect(await frame.evaluate(() => document.activeElement?.id)).toBe('saved-note-title');
    const text = (await note.textContent()) ?? '';
    expect(text).toContain(narrative);
    expect(text).toContain('40 min');
    expect(text).toContain('Phone');
    expect(text).toContain('Coping skills, Empowerment');

    const records = await findPeerResources(suite.sandbox, 'pt-maria-santos');
    expect(onlyEncounter(records).status).toBe('finished');
    expect(narrativeOf(records.observations)).toBe(narrative);
  });

  it('signs and submits with Ctrl+Enter from anywhere in the form', async () => {
    const page = await suite.context.newPage();
    const app = await openDocumentation(page, suite.sandbox, 'pt-maria-santos');
    const frame = appFrame(page, suite.sandbox);
    await fillCompleteNote(app);
    await app.getByLabel('Next steps').focus();

    await page.keyboard.press('Control+Enter');

    await submittedNote(app).waitFor({ timeout: 15_000 });
    expect(await frame.evaluate(() => document.activeElement?.id)).toBe('saved-note-title');
    expect(onlyEncounter(await findPeerResources(suite.sandbox, 'pt-maria-santos')).status).toBe('finished');
  });
});
