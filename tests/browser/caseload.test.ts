import type { Frame, FrameLocator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe';
import { signInToEhr } from './support/ehr-page';
import { documentationForm, fillMinimalNote, PEER_USERNAME, signAndSubmit } from './support/note-form';
import { useBrowserSuite } from './support/browser-suite';

const suite = useBrowserSuite({ contextPerTest: true, resetDataPerTest: true });

/** Signs in to the EHR and opens PeerBridge from its home page: a launch with no chart open. */
async function openMyPeople(page: Page): Promise<{ app: FrameLocator; frame: () => Frame }> {
  await signInToEhr(page, suite.sandbox.ehrUrl, PEER_USERNAME);
  await page.getByRole('link', { name: /PeerBridge: my people/ }).click();
  const app = page.frameLocator('iframe[title="PeerBridge"]');
  await app.getByRole('table', { name: 'My people' }).waitFor({ timeout: 20_000 });
  const frame = () => {
    const found = page.frames().find((f) => f.url().startsWith(suite.sandbox.appOrigin));
    if (!found) {
      throw new Error('No PeerBridge frame on the page');
    }
    return found;
  };
  return { app, frame };
}

/** The people's names in the order the table shows them. */
function namesInOrder(app: FrameLocator): Promise<string[]> {
  return app.getByRole('table', { name: 'My people' }).locator('tbody th').allTextContents();
}

async function violationsIn(frame: Frame): Promise<string[]> {
  const violations = await axeViolations(frame, 'html');
  return violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('My people: a peer opens PeerBridge without a chart', () => {
  it('lists the people whose care teams the peer is on, with their last contact', async () => {
    const page = await suite.context.newPage();
    const { app } = await openMyPeople(page);
    const names = await namesInOrder(app);
    // 5 hand-written people and 30 generated ones (mocks/fixtures/seed/caseloads.ts).
    expect(names.length).toBeGreaterThanOrEqual(35);
    expect(names).toContain('Maria Elena Santos');
    const maria = app.getByRole('row', { name: /Maria Elena Santos/ });
    await expect.poll(() => maria.textContent()).toMatch(/days? ago|today|never/);
    // A peer's home has their people first and their program report beside it.
    expect(await app.getByRole('tab').allTextContents()).toEqual(['My people', 'Program report']);
    expect(await app.getByRole('tab', { name: 'My people' }).getAttribute('aria-selected')).toBe('true');
  });

  it('sorts by name from the keyboard, and says so with aria-sort', async () => {
    const page = await suite.context.newPage();
    const { app } = await openMyPeople(page);
    const nameHeader = app.getByRole('columnheader', { name: 'Name' });
    await nameHeader.getByRole('button').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => nameHeader.getAttribute('aria-sort')).toBe('ascending');
    const ascending = await namesInOrder(app);
    expect(ascending).toEqual([...ascending].sort((a, b) => a.localeCompare(b)));

    await page.keyboard.press('Space');
    await expect.poll(() => nameHeader.getAttribute('aria-sort')).toBe('descending');
    expect(await namesInOrder(app)).toEqual([...ascending].reverse());
  });

  it('opens a person for documentation, and after going back another person shows only their own note', async () => {
    const page = await suite.context.newPage();
    const { app } = await openMyPeople(page);
    await app.getByRole('button', { name: 'Maria Elena Santos' }).click();
    const form = documentationForm(app);
    await form.waitFor({ timeout: 15_000 });
    expect(await app.locator('.person-line').textContent()).toMatch(/^For Maria Elena Santos/);
    const words = 'Walked to the library together and planned the week.';
    await app.getByLabel('What happened (plain, strengths-based words)').fill(words);

    await app.getByRole('button', { name: 'Back to My people' }).click();
    const mariaRow = app.getByRole('row', { name: /Maria Elena Santos/ });
    // The typed words are kept for Maria in this tab: her row counts a draft in progress.
    await expect.poll(() => mariaRow.locator('td').last().textContent()).toMatch(/[1-9]/);

    await app.getByRole('button', { name: 'Devon Walker' }).click();
    await expect
      .poll(() => app.locator('.person-line').textContent(), { timeout: 15_000 })
      .toMatch(/^For Devon Walker/);
    await form.waitFor();
    expect(await app.getByLabel('What happened (plain, strengths-based words)').inputValue()).toBe('');
    // The list stays mounted (hidden) behind the person's screen; what shows is Devon's alone.
    const shown = (await app.getByRole('main', { name: 'Peer support' }).textContent()) ?? '';
    expect(shown).toContain('Devon Walker');
    expect(shown).not.toMatch(/Maria/);
    expect(shown).not.toContain(words);

    await app.getByRole('button', { name: 'Back to My people' }).click();
    await app.getByRole('button', { name: 'Maria Elena Santos' }).click();
    await expect
      .poll(() => app.locator('.person-line').textContent(), { timeout: 15_000 })
      .toMatch(/^For Maria Elena Santos/);
    await expect
      .poll(() => app.getByLabel('What happened (plain, strengths-based words)').inputValue())
      .toBe(words);
  });

  it('signs a note for a person opened from the list, whose row then shows the contact and the next one planned', async () => {
    const page = await suite.context.newPage();
    const { app } = await openMyPeople(page);
    await app.getByRole('button', { name: 'Lena Novak' }).click();
    await documentationForm(app).waitFor({ timeout: 15_000 });
    await fillMinimalNote(app);
    const nextWeek = new Date(Date.now() + 7 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    await app.getByLabel('Next contact (optional)').fill(nextWeek);
    const note = await signAndSubmit(app);
    expect(await note.textContent()).toMatch(/Lena Novak/);

    await app.getByRole('button', { name: 'Back to My people' }).click();
    // The list keeps the rows it read; reloading launches again and reads what the EHR now holds.
    await page.reload();
    const row = app.getByRole('row', { name: /Lena Novak/ });
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toMatch(/today|1 day ago/);
    const [year, month, day] = nextWeek.split('-').map(Number);
    const shown = new Intl.DateTimeFormat('en-US', {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1)));
    expect(await row.textContent()).toContain(shown);
  });

  it('has no axe-core violations on the list', async () => {
    const page = await suite.context.newPage();
    const { app, frame } = await openMyPeople(page);
    await expect.poll(() => app.getByRole('status').first().textContent()).not.toMatch(/loading/i);
    expect(await violationsIn(frame())).toEqual([]);
  });
});
