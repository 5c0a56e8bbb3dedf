import type { Bundle } from 'fhir/r4';
import type { FrameLocator, Page, Request, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readAppAccessToken } from './support/app-tokens';
import {
  appFrame,
  documentationForm,
  fillMinimalNote,
  openDocumentation,
  signAndSubmit,
  submittedNote,
} from './support/note-form';
import {
  allOf,
  findClinicalNotes,
  findPeerResources,
  narrativeOf,
  onlyEncounter,
  profileErrors,
  provenanceActivity,
} from './support/peer-records';
import { useBrowserSuite } from './support/browser-suite';

const suite = useBrowserSuite({ contextPerTest: true, resetDataPerTest: true });

function isTransaction(request: Request): boolean {
  if (request.method() !== 'POST') {
    return false;
  }
  const body: unknown = request.postDataJSON();
  return typeof body === 'object' && body !== null && (body as { type?: unknown }).type === 'transaction';
}

/** How many versions the server keeps of a resource: its `_history`, read with the app's own token. */
async function versionCount(page: Page, reference: string): Promise<number> {
  const token = await readAppAccessToken(page, suite.sandbox.appOrigin);
  const response = await fetch(`${suite.sandbox.fhirBaseUrl}/${reference}/_history`, {
    headers: { authorization: `Bearer ${token}`, accept: 'application/fhir+json' },
  });
  const history = (await response.json()) as Bundle;
  return history.entry?.length ?? 0;
}

/**
 * Opens Maria's note, fills it in, clicks `button` and, while the transaction is held in the browser
 * (as on a slow network), types `nextSteps`; then lets the save go on unchanged. Waits on the held
 * request being reached, never on time.
 */
async function typeDuringSlowSave(
  button: string,
  nextSteps: string,
): Promise<{ page: Page; app: FrameLocator }> {
  const page = await suite.context.newPage();
  const app = await openDocumentation(page, suite.sandbox, 'pt-maria-santos');
  await fillMinimalNote(app, NARRATIVE);
  let arrive = (): void => undefined;
  let release = (): void => undefined;
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  let held = false;
  await page.route(suite.sandbox.fhirBaseUrl, async (route: Route) => {
    if (!held && isTransaction(route.request())) {
      held = true;
      arrive();
      await released;
    }
    await route.fallback();
  });
  await app.getByRole('button', { name: button }).click();
  await arrived;
  await app.getByLabel('Next steps').pressSequentially(nextSteps);
  release();
  return { page, app };
}

const TYPED_NARRATIVE = 'Maria chose to walk to the clinic; she said it cleared her head.';
const NARRATIVE = 'Maria practised what she will say at her housing appointment and felt ready.';

describe('a peer note from first words to the record', () => {
  it('leaves exactly one encounter when a save is retried after its answer was lost', async () => {
    const page = await suite.context.newPage();
    const app = await openDocumentation(page, suite.sandbox, 'pt-maria-santos');
    await fillMinimalNote(app, NARRATIVE);

    let dropped = 0;
    const dropAnswer = async (route: Route): Promise<void> => {
      if (!isTransaction(route.request()) || dropped > 0) {
        await route.fallback();
        return;
      }
      dropped++;
      // The server commits the transaction; the browser never hears back.
      await route.fetch();
      await route.abort('connectionreset');
    };
    await page.route(suite.sandbox.fhirBaseUrl, dropAnswer);
    await app.getByRole('button', { name: 'Sign and submit' }).click();

    const failure = app.getByRole('alert');
    await expect.poll(() => failure.textContent()).toMatch(/kept in this tab/);
    expect(dropped).toBe(1);
    expect(await app.getByLabel('What happened (plain, strengths-based words)').inputValue()).toBe(NARRATIVE);
    expect(onlyEncounter(await findPeerResources(suite.sandbox, 'pt-maria-santos')).status).toBe('finished');

    await page.unroute(suite.sandbox.fhirBaseUrl, dropAnswer);
    const note = await signAndSubmit(app);
    await expect.poll(() => note.textContent()).toContain(NARRATIVE);

    const records = await findPeerResources(suite.sandbox, 'pt-maria-santos');
    expect(onlyEncounter(records).status).toBe('finished');
    const keys = records.observations.map((o) => o.identifier?.[0]?.value);
    expect(new Set(keys).size).toBe(keys.length);
    // Engagement and the narrative: one Observation each.
    expect(records.observations).toHaveLength(2);
    expect(records.provenances).toHaveLength(1);
    // The clinical note went in the same transaction: one, too.
    expect(await findClinicalNotes(suite.sandbox, 'pt-maria-santos')).toHaveLength(1);
  });

  it('keeps words typed while a slow save is on its way and writes them with the next save', async () => {
    const { app } = await typeDuringSlowSave(
      'Save draft to record',
      'Meet at the clinic doors next Tuesday.',
    );
    const nextSteps = app.getByLabel('Next steps');

    const status = app.getByRole('status');
    await expect.poll(() => status.textContent()).toMatch(/Draft saved to the record.*Changes since saving/);
    expect(await nextSteps.inputValue()).toBe('Meet at the clinic doors next Tuesday.');
    // Engagement and the narrative: the words typed during the save are not in the record yet.
    expect((await findPeerResources(suite.sandbox, 'pt-maria-santos')).observations).toHaveLength(2);

    await app.getByRole('button', { name: 'Save draft to record' }).click();
    await expect.poll(() => status.textContent()).not.toMatch(/Changes since saving|Saving/);
    expect(await status.textContent()).toMatch(/Draft saved to the record/);
    const records = await findPeerResources(suite.sandbox, 'pt-maria-santos');
    expect(onlyEncounter(records).status).toBe('in-progress');
    expect(records.observations).toHaveLength(3);
  });

  it('asks before starting a new note when words typed during submission are not in the record', async () => {
    const { page, app } = await typeDuringSlowSave('Sign and submit', 'Call on Friday.');

    const note = submittedNote(app);
    await expect.poll(() => note.textContent()).toMatch(/You typed more while this note was being submitted/);
    const asked = page.waitForEvent('dialog');
    const click = app.getByRole('button', { name: 'Start a new note' }).click();
    const dialog = await asked;
    expect(dialog.message()).toMatch(/not in the record/);
    await dialog.dismiss();
    await click;
    expect(await note.isVisible()).toBe(true);

    await app.getByRole('button', { name: 'Amend this note' }).click();
    expect(await app.getByLabel('Next steps').inputValue()).toBe('Call on Friday.');
  });

  it('keeps every typed word through a reload of the app', async () => {
    const page = await suite.context.newPage();
    const app = await openDocumentation(page, suite.sandbox, 'pt-maria-santos');
    const narrative = app.getByLabel('What happened (plain, strengths-based words)');
    const nextSteps = app.getByLabel('Next steps');
    await narrative.pressSequentially(TYPED_NARRATIVE);
    await nextSteps.pressSequentially('Meet at the clinic doors next Tuesday.');

    const frame = appFrame(page, suite.sandbox);
    await Promise.all([
      page.waitForEvent('framenavigated', { predicate: (navigated) => navigated === frame }),
      frame.evaluate(() => {
        location.reload();
      }),
    ]);
    await documentationForm(app).waitFor({ timeout: 15_000 });

    expect(await narrative.inputValue()).toBe(TYPED_NARRATIVE);
    expect(await nextSteps.inputValue()).toBe('Meet at the clinic doors next Tuesday.');
  });

  it('saves a draft as in progress with preliminary observations, then finalizes the same encounter', async () => {
    const page = await suite.context.newPage();
    const app = await openDocumentation(page, suite.sandbox, 'pt-maria-santos');
    await fillMinimalNote(app, NARRATIVE);

    await app.getByRole('button', { name: 'Save draft to record' }).click();
    const status = app.getByRole('status');
    await expect.poll(() => status.textContent()).toMatch(/Draft saved to the record/);
    const draft = await findPeerResources(suite.sandbox, 'pt-maria-santos');
    const draftEncounter = onlyEncounter(draft);
    expect(draftEncounter.status).toBe('in-progress');
    expect(draft.observations.map((o) => o.status)).toEqual(['preliminary', 'preliminary']);
    expect(profileErrors(allOf(draft))).toEqual([]);

    await signAndSubmit(app);
    const final = await findPeerResources(suite.sandbox, 'pt-maria-santos');
    const finalEncounter = onlyEncounter(final);
    expect(finalEncounter.id).toBe(draftEncounter.id);
    expect(finalEncounter.status).toBe('finished');
    expect(final.observations.map((o) => o.status)).toEqual(['final', 'final']);
    expect(profileErrors(allOf(final))).toEqual([]);
  });

  it('amends a submitted note as a new version with the reason, then marks it entered in error', async () => {
    const page = await suite.context.newPage();
    const app = await openDocumentation(page, suite.sandbox, 'pt-maria-santos');
    await fillMinimalNote(app, NARRATIVE);
    await signAndSubmit(app);
    const submitted = onlyEncounter(await findPeerResources(suite.sandbox, 'pt-maria-santos'));

    await app.getByRole('button', { name: 'Amend this note' }).click();
    const amended = `${NARRATIVE} She asked for a reminder call the day before.`;
    await app.getByLabel('What happened (plain, strengths-based words)').fill(amended);
    await app.getByLabel('Reason for the amendment').fill('Added what Maria asked for at the end.');
    await app.getByRole('button', { name: 'Save amendment' }).click();
    await expect.poll(() => submittedNote(app).textContent()).toContain(amended);

    const afterAmend = await findPeerResources(suite.sandbox, 'pt-maria-santos');
    const encounter = onlyEncounter(afterAmend);
    expect(encounter.id).toBe(submitted.id);
    expect(encounter.meta?.versionId).not.toBe(submitted.meta?.versionId);
    expect(await versionCount(page, `Encounter/${encounter.id ?? ''}`)).toBe(2);
    expect(encounter.status).toBe('finished');
    expect(narrativeOf(afterAmend.observations)).toBe(amended);
    expect(afterAmend.observations.map((o) => o.status)).toEqual(['amended', 'amended']);
    const update = afterAmend.provenances.find((p) => provenanceActivity(p) === 'UPDATE');
    expect(afterAmend.provenances).toHaveLength(2);
    expect(update?.reason?.[0]?.text).toBe('Added what Maria asked for at the end.');
    expect(profileErrors(allOf(afterAmend))).toEqual([]);

    await app.getByRole('button', { name: 'Mark entered in error' }).click();
    await app.getByLabel('Why is this note in error?').fill('Written in the wrong person’s chart.');
    await app.getByRole('button', { name: 'Confirm: entered in error' }).click();
    await app.getByRole('heading', { name: 'Note entered in error' }).waitFor();

    const voided = await findPeerResources(suite.sandbox, 'pt-maria-santos');
    expect(onlyEncounter(voided).status).toBe('entered-in-error');
    expect(voided.observations.map((o) => o.status)).toEqual(['entered-in-error', 'entered-in-error']);
    const nullify = voided.provenances.find((p) => provenanceActivity(p) === 'NULLIFY');
    expect(nullify?.reason?.[0]?.text).toBe('Written in the wrong person’s chart.');
    expect(profileErrors(allOf(voided))).toEqual([]);
  });
});
