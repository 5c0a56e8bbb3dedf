import type { Frame, FrameLocator, Locator, Page } from 'playwright-core';
import { openPeerSupportTab, signInToEhr } from './ehr-page';
import type { TestSandbox } from './test-sandbox';

/** The adult peer specialist on Maria's, Devon's and Lena's care teams. */
export const PEER_USERNAME = 'alex.rivera';

/** Signs in as the peer and opens the person's "Peer support" tab, ready to write a note. */
export async function openDocumentation(
  page: Page,
  sandbox: TestSandbox,
  patientId: string,
  username = PEER_USERNAME,
): Promise<FrameLocator> {
  await signInToEhr(page, sandbox.ehrUrl, username);
  const app = await openPeerSupportTab(page, sandbox.ehrUrl, patientId);
  await documentationForm(app).waitFor({ timeout: 15_000 });
  return app;
}

export function documentationForm(app: FrameLocator): Locator {
  return app.getByRole('form', { name: 'Document a peer support contact' });
}

export function submittedNote(app: FrameLocator): Locator {
  return app.getByRole('region', { name: 'Submitted note' });
}

/** The PeerBridge frame itself, for what a FrameLocator cannot do (evaluate, reload, inject scripts). */
export function appFrame(page: Page, sandbox: TestSandbox): Frame {
  const frame = page.frames().find((f) => f.url().startsWith(sandbox.appOrigin));
  if (!frame) {
    throw new Error(`No frame from ${sandbox.appOrigin} on ${page.url()}: open the Peer support tab first.`);
  }
  return frame;
}

/** The least a signed note needs: how long, how, one activity and a few words. */
export async function fillMinimalNote(
  app: FrameLocator,
  narrative = 'Met at the library and talked through the week ahead.',
): Promise<void> {
  await app.getByLabel('Duration (minutes)').fill('30');
  await app
    .getByRole('group', { name: 'How you were in contact' })
    .getByRole('radio', { name: 'Phone' })
    .check();
  await app.getByRole('button', { name: 'Engagement' }).click();
  await app.getByLabel('What happened (plain, strengths-based words)').fill(narrative);
}

export interface CompleteNote {
  readonly date: string;
  readonly newGoal: string;
  readonly narrative: string;
  readonly nextSteps: string;
}

export const MARIA_NOTE: CompleteNote = {
  date: '2024-03-14',
  newGoal: 'Call my sister every Sunday',
  narrative: 'Maria led the conversation about rejoining her choir and named two friends she trusts.',
  nextSteps: 'Maria will visit choir practice on Thursday; we meet again next week.',
};

/** Every part of the form a peer fills in for an individual contact, with a follow-up for a clinician. */
export async function fillCompleteNote(app: FrameLocator, note: CompleteNote = MARIA_NOTE): Promise<void> {
  await app.getByLabel('Date').fill(note.date);
  await app.getByLabel('Start time').fill('10:30');
  await app.getByLabel('Duration (minutes)').fill('45');
  await app
    .getByRole('group', { name: 'How you were in contact' })
    .getByRole('radio', { name: 'In person' })
    .check();
  await app.getByLabel('Setting').selectOption({ label: 'Community' });
  await app.getByRole('button', { name: 'Sharing lived experience' }).click();
  await app.getByRole('button', { name: 'Recovery and wellness planning' }).click();

  const goals = app.getByRole('group', { name: 'Recovery goals worked on' });
  await goals.getByRole('checkbox', { name: 'Get back to my Sunday choir' }).check();
  await goals.getByLabel('Progress').selectOption({ index: 1 });
  await goals.getByLabel('Add a goal in the person’s own words').fill(note.newGoal);
  await goals.getByRole('button', { name: 'Add goal' }).click();
  await goals.getByRole('checkbox', { name: note.newGoal }).waitFor();

  await app
    .getByRole('group', { name: 'How did they respond?' })
    .getByRole('radio', { name: 'Engaged and motivated' })
    .check();
  await app.getByLabel('What happened (plain, strengths-based words)').fill(note.narrative);
  await app.getByLabel('Next steps').fill(note.nextSteps);

  for (const item of ['Hope', 'Confidence', 'Connection', 'Sense of control', 'Wellbeing']) {
    await app
      .getByRole('group', { name: new RegExp(`^${item} —`) })
      .getByRole('radio', { name: '4' })
      .check();
  }

  await app.getByRole('checkbox', { name: 'A clinician should follow up' }).check();
  await app.getByLabel('Reason').selectOption({ index: 1 });
  await app.getByLabel('Who should follow up').selectOption({ value: 'Practitioner/pr-sam-okafor' });
  await app.getByLabel('What the clinician should know').fill('Maria asked about a sleep medication review.');
}

/** Signs and submits, and waits until the note the server has is on screen. */
export async function signAndSubmit(app: FrameLocator): Promise<Locator> {
  await app.getByRole('button', { name: 'Sign and submit' }).click();
  const note = submittedNote(app);
  await note.waitFor({ timeout: 15_000 });
  return note;
}

/** The message a field refers to with aria-describedby: what a screen reader reads with the field. */
export async function describedMessage(field: Locator): Promise<string> {
  const ids = (await field.getAttribute('aria-describedby')) ?? '';
  if (ids === '') {
    return '';
  }
  const texts = await field.evaluate(
    (element, idList) =>
      idList
        .split(/\s+/)
        .map((id) => element.ownerDocument.getElementById(id)?.textContent ?? '')
        .join(' '),
    ids,
  );
  return texts.trim();
}
