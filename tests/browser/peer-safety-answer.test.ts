/**
 * Issue 13 items 1, 2 and 7: a peer gives a PHQ-9 (item 9 "Several days") and a BARC-10 by keyboard
 * alone, within a keystroke budget (the deterministic stand-in for "under two minutes"); the safety
 * prompt shows the 988 Lifeline and the site's own protocol (runtime config) in place; the draft
 * survives a reload; signing writes the totals, the item answers in the note and an urgent follow-up
 * naming the reason. Beside it: a missing answer found on signing, and a draft kept by an older
 * version (a PHQ-9 total alone) that still loads.
 */
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { QuestionnaireResponse } from 'fhir/r4';
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instrumentById } from '../../src/domain/codes-instruments';
import { axeViolations } from './support/axe';
import { focusedElement, pressUntilFocused } from './support/keyboard';
import {
  appFrame,
  documentationForm,
  fillMinimalNote,
  describedMessage,
  openDocumentation,
  signAndSubmit,
} from './support/note-form';
import {
  findClinicalNotes,
  findPeerResources,
  observationsCoded,
  onlyEncounter,
} from './support/peer-records';
import { useBrowserSuite } from './support/browser-suite';
import { openAsClinician } from './support/ehr-page';

const configFile = join(tmpdir(), `peerbridge-safety-config-${process.pid}.json`);
const suite = useBrowserSuite({ sandbox: { runtimeConfigFile: configFile } });

const PROTOCOL_STEP_1 = 'Stay with the person and call the Riverside on-call clinician at 555-0100.';
const PROTOCOL_STEP_2 = 'Tell your supervisor before you leave today.';
const PHQ9 = instrumentById('phq-9');
const BARC10 = instrumentById('barc-10');
/** Points per item, typed as digits: item 9 is 1, "Several days". Total 5, Mild. */
const PHQ9_POINTS = [1, 1, 0, 1, 0, 0, 1, 0, 1];
/** Total 50 of 60: "47 or more". */
const BARC10_POINTS = [5, 5, 5, 5, 5, 5, 5, 5, 5, 5];
const PEER_WORDS = 'She agreed to call 988 tonight if the thoughts come back.';
const REASON = 'PHQ-9 item 9: thoughts of being better off dead or of self-harm (“Several days”)';

beforeAll(async () => {
  // This site's own protocol, as IT would deploy it beside the app (read on every request).
  await writeFile(
    configFile,
    JSON.stringify({
      issuers: [
        {
          iss: suite.sandbox.fhirBaseUrl,
          clientId: suite.sandbox.clientId,
          label: 'Sandbox EHR',
          crisisProtocol: `${PROTOCOL_STEP_1}\n${PROTOCOL_STEP_2}`,
        },
      ],
    }),
  );
});
afterAll(async () => {
  await rm(configFile, { force: true });
});

/** Presses keys as a person would and counts them: the budget is asserted on the count. */
function keyCounter(page: Page) {
  let presses = 0;
  return {
    async press(key: string) {
      presses += 1;
      await page.keyboard.press(key);
    },
    get presses() {
      return presses;
    },
  };
}

/** Tabs (counted) until the focused element's name starts with `name`; at most `max` presses. */
async function tabTo(
  keys: ReturnType<typeof keyCounter>,
  frame: Frame,
  name: string,
  max = 10,
): Promise<void> {
  for (let i = 0; i < max; i++) {
    await keys.press('Tab');
    if ((await focusedElement(frame))?.name.startsWith(name)) {
      return;
    }
  }
  throw new Error(
    `"${name}" never got focus after ${max} Tabs; focus is on ${JSON.stringify(await focusedElement(frame))}`,
  );
}

async function answerByDigits(keys: ReturnType<typeof keyCounter>, points: readonly number[]): Promise<void> {
  for (const point of points) {
    await keys.press(String(point));
  }
}

function safetyPrompt(app: FrameLocator) {
  return app.getByRole('region', { name: 'Check in about safety now' });
}

async function violationsIn(frame: Frame): Promise<string[]> {
  const violations = await axeViolations(frame, 'html');
  return violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('a PHQ-9 item 9 answered above "Not at all" in the note form', () => {
  it('shows the safety prompt, keeps the note through a reload and signs an urgent follow-up naming the reason', async () => {
    const page = await suite.browser.newPage();
    const app = await openDocumentation(page, suite.sandbox, 'pt-maria-santos');
    const frame = appFrame(page, suite.sandbox);
    await fillMinimalNote(app);

    // From the note's words to the PHQ-9 by Tab, as a keyboard user gets there (not counted: that is
    // the way to the section, not the instruments).
    await app.getByLabel('What happened (plain, strengths-based words)').focus();
    await pressUntilFocused(page, frame, (e) => e.name.startsWith('Give the PHQ-9'), 'the PHQ-9 checkbox');

    const keys = keyCounter(page);
    await keys.press('Space');
    await tabTo(keys, frame, PHQ9.items[0]?.answers[0]?.coding.display ?? '');
    await answerByDigits(keys, PHQ9_POINTS);
    // The last digit leaves focus on item 9's answer, just chosen.
    expect((await focusedElement(frame))?.name).toBe('Several days (1)');
    await tabTo(keys, frame, 'Give the BARC-10');
    await keys.press('Space');
    await tabTo(keys, frame, BARC10.items[0]?.answers[0]?.coding.display ?? '');
    await answerByDigits(keys, BARC10_POINTS);
    const items = PHQ9.items.length + BARC10.items.length;
    expect(keys.presses, `${keys.presses} key presses for ${items} questions`).toBeLessThanOrEqual(2 * items);

    const form = documentationForm(app);
    await expect.poll(() => form.getByText('PHQ-9 total 5 of 27 (Mild)').count()).toBe(1);
    await expect.poll(() => form.getByText('BARC-10 total 50 of 60 (47 or more)').count()).toBe(1);

    // The prompt, in place and calm: words, 988, and this site's protocol.
    const prompt = safetyPrompt(app);
    await prompt.waitFor();
    const promptText = (await prompt.textContent()) ?? '';
    expect(promptText).toContain('988 Suicide & Crisis Lifeline');
    expect(promptText).toContain('call or text 988, or chat at 988lifeline.org');
    expect(promptText).toContain(PROTOCOL_STEP_1);
    expect(promptText).toContain(PROTOCOL_STEP_2);
    expect(await app.getByRole('dialog').count()).toBe(0);

    // The follow-up is held: urgent, the reason named, not removable while the answer stands.
    const followUp = app.getByRole('checkbox', { name: 'A clinician should follow up' });
    expect(await followUp.isChecked()).toBe(true);
    expect(await followUp.isDisabled()).toBe(true);
    const howSoon = app.getByRole('group', { name: 'How soon' });
    expect(await howSoon.getByRole('radio', { name: 'Urgent' }).isChecked()).toBe(true);
    expect(await howSoon.getByRole('radio', { name: 'Routine' }).isDisabled()).toBe(true);
    expect(await app.getByLabel('Reason').inputValue()).toBe('safety-concern');
    await app.getByLabel('What the clinician should know').fill(PEER_WORDS);

    expect(await violationsIn(frame), 'form with the safety prompt').toEqual([]);

    // A reload of the app loses nothing: answers, prompt, follow-up and the peer's words.
    await Promise.all([
      page.waitForEvent('framenavigated', { predicate: (navigated) => navigated === frame }),
      frame.evaluate(() => {
        location.reload();
      }),
    ]);
    await documentationForm(app).waitFor({ timeout: 15_000 });
    await safetyPrompt(app).waitFor();
    const item9 = app.getByRole('group', { name: `9. ${PHQ9.items[8]?.text ?? ''}` });
    expect(await item9.getByRole('radio', { name: 'Several days (1)' }).isChecked()).toBe(true);
    expect(await app.getByLabel('What the clinician should know').inputValue()).toBe(PEER_WORDS);
    expect(await form.getByText('BARC-10 total 50 of 60 (47 or more)').count()).toBe(1);

    await signAndSubmit(app);

    const records = await findPeerResources(suite.sandbox, 'pt-maria-santos');
    expect(onlyEncounter(records).status).toBe('finished');
    expect(observationsCoded(records.observations, PHQ9.total.code).map((o) => o.valueInteger)).toEqual([5]);
    expect(observationsCoded(records.observations, BARC10.total.code).map((o) => o.valueInteger)).toEqual([
      50,
    ]);
    const [task, ...otherTasks] = records.tasks;
    expect(otherTasks).toEqual([]);
    expect(task?.priority).toBe('urgent');
    expect(task?.reasonCode?.coding?.map((c) => c.code)).toContain('safety-concern');
    expect(task?.note?.[0]?.text).toBe(`${REASON}\n${PEER_WORDS}`);

    const [note] = await findClinicalNotes(suite.sandbox, 'pt-maria-santos');
    expect(note?.text).toContain('PHQ-9 total 5 of 27 (Mild)');
    expect(note?.text).toContain(`9. ${PHQ9.items[8]?.text ?? ''}: Several days (1)`);
    expect(note?.text).toContain('BARC-10 total 50 of 60 (47 or more)');

    // The answers item by item, one QuestionnaireResponse per instrument, each total derived from it.
    const responses = (
      await suite.sandbox.fhir.internal.search('QuestionnaireResponse', {
        subject: 'Patient/pt-maria-santos',
      })
    ).filter((r): r is QuestionnaireResponse => r.resourceType === 'QuestionnaireResponse');
    const responseOf = (canonical: string) => {
      const found = responses.filter((r) => r.questionnaire === canonical);
      expect(found, canonical).toHaveLength(1);
      return found[0];
    };
    const phq9Response = responseOf(PHQ9.canonical);
    const barc10Response = responseOf(BARC10.canonical);
    expect(phq9Response?.status).toBe('completed');
    const item9Answer = phq9Response?.item?.find((i) => i.linkId === PHQ9.items[8]?.linkId)?.answer?.[0];
    expect(item9Answer?.valueCoding?.display).toBe('Several days');
    expect(barc10Response?.item?.filter((i) => i.answer?.[0]?.valueCoding)).toHaveLength(10);
    const derivedFrom = (code: string) =>
      observationsCoded(records.observations, code).flatMap((o) => o.derivedFrom?.map((d) => d.reference));
    expect(derivedFrom(PHQ9.total.code)).toEqual([`QuestionnaireResponse/${phq9Response?.id ?? ''}`]);
    expect(derivedFrom(BARC10.total.code)).toEqual([`QuestionnaireResponse/${barc10Response?.id ?? ''}`]);

    // The clinician on the care team opens Maria: the urgent safety concern is the first thing they
    // see, in words, and both totals the peer recorded are on the trend.
    const { page: clinicianPage, app: clinician } = await openAsClinician(
      suite.browser,
      suite.sandbox,
      'pt-maria-santos',
    );
    const followUps = clinician.getByRole('region', { name: 'Follow-ups requested by peers' });
    const notice = followUps.getByRole('article', { name: /^Safety concern · Urgent/ });
    await expect.poll(() => notice.textContent(), { timeout: 15_000 }).toContain(REASON);
    expect(await followUps.getByRole('article').first().textContent()).toContain(REASON);
    const noticeBox = await notice.boundingBox();
    const timelineBox = await clinician.getByRole('heading', { name: 'Timeline of care' }).boundingBox();
    expect(noticeBox && timelineBox && noticeBox.y + noticeBox.height <= timelineBox.y).toBe(true);
    const noticeText = (await notice.textContent()) ?? '';
    expect(noticeText.split(REASON).length - 1, 'the reason is named once').toBe(1);
    expect(noticeText).toContain(PEER_WORDS);
    const overview = clinician.getByRole('region', { name: 'Trends' }).locator('.trend-overview');
    await expect
      .poll(() => overview.textContent())
      .toMatch(/PHQ-9 total \(0 to 27, lower is better\): \d+ reading/);
    expect(await overview.textContent()).toMatch(/BARC-10 total \(10 to 60, higher is better\): \d+ reading/);
    await clinicianPage.context().close();
    await page.close();
  });

  it('shows a missing answer beside its question and moves focus there when the peer signs', async () => {
    const page = await suite.browser.newPage();
    const app = await openDocumentation(page, suite.sandbox, 'pt-maria-santos');
    const frame = appFrame(page, suite.sandbox);
    await fillMinimalNote(app);
    await app.getByRole('checkbox', { name: /^Give the PHQ-9/ }).check();
    const first = app.getByRole('group', { name: `1. ${PHQ9.items[0]?.text ?? ''}` });
    await first.getByRole('radio', { name: 'Several days (1)' }).focus();
    await page.keyboard.press('1');
    await page.keyboard.press('0');
    await page.keyboard.press('2');
    await expect
      .poll(() => documentationForm(app).getByText('PHQ-9: 3 of 9 items answered, no total').count())
      .toBe(1);

    const before = (await findPeerResources(suite.sandbox, 'pt-maria-santos')).encounters.length;
    await app.getByRole('button', { name: 'Sign and submit' }).click();

    const fourth = app.getByRole('group', { name: `4. ${PHQ9.items[3]?.text ?? ''}` });
    await fourth.and(app.locator('[aria-invalid="true"]')).waitFor();
    expect(await describedMessage(fourth)).toBe('Answer all 9 PHQ-9 questions (6 left), or clear the PHQ-9.');
    await expect
      .poll(() => frame.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? ''))
      .toBe(await fourth.getByRole('radio').first().getAttribute('name'));
    // Nothing was written: the note stays in the form.
    expect((await findPeerResources(suite.sandbox, 'pt-maria-santos')).encounters).toHaveLength(before);
    await page.close();
  });

  it('still loads a draft kept before instruments were asked item by item, with its PHQ-9 total', async () => {
    const page = await suite.browser.newPage();
    const app = await openDocumentation(page, suite.sandbox, 'pt-maria-santos');
    const frame = appFrame(page, suite.sandbox);
    await fillMinimalNote(app);
    // The work as an older PeerBridge kept it in this tab: a PHQ-9 total with no items.
    await frame.evaluate((code) => {
      const key = Object.keys(sessionStorage).find((k) => k.startsWith('peerbridge.work.v1|'));
      const work = key
        ? (JSON.parse(sessionStorage.getItem(key) ?? '{}') as { draft: { measures: unknown[] } })
        : undefined;
      if (!key || !work) {
        throw new Error('No kept work in sessionStorage');
      }
      work.draft.measures = [{ kind: 'score', code, value: 14 }];
      sessionStorage.setItem(key, JSON.stringify(work));
    }, PHQ9.total.code);
    await Promise.all([
      page.waitForEvent('framenavigated', { predicate: (navigated) => navigated === frame }),
      frame.evaluate(() => {
        location.reload();
      }),
    ]);
    await documentationForm(app).waitFor({ timeout: 15_000 });

    const total = app.getByLabel('PHQ-9 total (0–27)');
    expect(await total.inputValue()).toBe('14');
    expect(await describedMessage(total)).toContain('Entered as a total in an earlier draft');
    expect(await app.getByLabel('What happened (plain, strengths-based words)').inputValue()).not.toBe('');
    // New notes offer no PHQ-9 total of their own: only the PHQ-2 is entered as a total.
    await total.fill('');
    await expect.poll(() => app.getByLabel('PHQ-9 total (0–27)').count()).toBe(0);
    expect(await app.getByLabel('PHQ-2 total (0–6)').count()).toBe(1);
    await page.close();
  });
});
