/**
 * A peer's note lands on each EHR personality the sandbox plays (mocks/sandbox/README.md): the open
 * server takes the clinical note and the structured record; Epic and Oracle Health take the clinical
 * note only. On each: the signed note is in the record once, a save retried after a lost answer
 * leaves exactly one note, and a refused note keeps the draft and says what happened.
 */
import type { Page, Request, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserSuite } from './support/browser-suite';
import { fillMinimalNote, openDocumentation, signAndSubmit } from './support/note-form';
import { findClinicalNotes, findPeerResources, onlyEncounter } from './support/peer-records';

const NARRATIVE = 'Maria rehearsed the call to her landlord and chose the words she will use.';

/** The request that carries a save's note: the transaction on the open server, else the note's own POST. */
function isNoteWrite(request: Request, fhirBase: string): boolean {
  if (request.method() !== 'POST') {
    return false;
  }
  if (request.url() === `${fhirBase}/DocumentReference`) {
    return true;
  }
  const body: unknown = request.url() === fhirBase ? request.postDataJSON() : undefined;
  return typeof body === 'object' && body !== null && (body as { type?: unknown }).type === 'transaction';
}

/** Every request the app sends to the FHIR server from now on. */
function recordFhirRequests(page: Page, fhirBase: string): Request[] {
  const seen: Request[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(fhirBase)) {
      seen.push(request);
    }
  });
  return seen;
}

describe.each(['open', 'epic', 'oracle'] as const)('a peer note on the %s personality', (ehr) => {
  const suite = useBrowserSuite({
    sandbox: { ehr },
    contextPerTest: true,
    resetDataPerTest: true,
  });
  const base = (): string => suite.sandbox.fhirBaseUrl;
  const writeRoute = (url: URL): boolean => url.href.startsWith(base());
  const newPage = (): Promise<Page> => suite.context.newPage();

  it('is signed by the peer and is in the record as one clinical note', async () => {
    const page = await newPage();
    const app = await openDocumentation(page, suite.sandbox, 'pt-maria-santos');
    await expect
      .poll(() => app.getByText(/^This EHR will receive:/).textContent())
      .toContain('a clinical note');
    await fillMinimalNote(app, NARRATIVE);

    const requests = recordFhirRequests(page, base());
    const note = await signAndSubmit(app);
    await expect.poll(() => note.textContent()).toContain(NARRATIVE);
    expect(await note.textContent()).toContain('Alex Rivera');
    expect(await note.textContent()).toContain('Saved to the EHR as a clinical note');
    // For the bench (save_requests_<ehr>): the requests one signed save sends.
    console.info(`save_requests_${ehr}=${String(requests.length)}`);

    const notes = await findClinicalNotes(suite.sandbox, 'pt-maria-santos');
    expect(notes).toHaveLength(1);
    expect(notes[0]?.note.docStatus).toBe('final');
    expect(notes[0]?.text).toContain(NARRATIVE);
    if (ehr === 'open') {
      expect(onlyEncounter(await findPeerResources(suite.sandbox, 'pt-maria-santos')).status).toBe(
        'finished',
      );
    } else {
      expect((await findPeerResources(suite.sandbox, 'pt-maria-santos')).encounters).toHaveLength(0);
    }
  });

  it('leaves exactly one note when a save is retried after its answer was lost', async () => {
    const page = await newPage();
    const app = await openDocumentation(page, suite.sandbox, 'pt-maria-santos');
    await fillMinimalNote(app, NARRATIVE);

    let dropped = 0;
    const dropAnswer = async (route: Route): Promise<void> => {
      if (dropped > 0 || !isNoteWrite(route.request(), base())) {
        await route.fallback();
        return;
      }
      dropped++;
      // The server stores the note; the browser never hears back.
      await route.fetch();
      await route.abort('connectionreset');
    };
    await page.route(writeRoute, dropAnswer);
    await app.getByRole('button', { name: 'Sign and submit' }).click();
    await expect.poll(() => app.getByRole('alert').textContent()).toMatch(/kept in this tab/);
    expect(dropped).toBe(1);
    expect(await findClinicalNotes(suite.sandbox, 'pt-maria-santos')).toHaveLength(1);

    await page.unroute(writeRoute, dropAnswer);
    const note = await signAndSubmit(app);
    await expect.poll(() => note.textContent()).toContain(NARRATIVE);
    expect(await findClinicalNotes(suite.sandbox, 'pt-maria-santos')).toHaveLength(1);
    if (ehr === 'open') {
      expect(onlyEncounter(await findPeerResources(suite.sandbox, 'pt-maria-santos')).status).toBe(
        'finished',
      );
    }
  });

  it('keeps the draft and says what happened when the EHR refuses the note', async () => {
    const page = await newPage();
    const app = await openDocumentation(page, suite.sandbox, 'pt-maria-santos');
    await fillMinimalNote(app, NARRATIVE);
    const refuse = async (route: Route): Promise<void> => {
      if (!isNoteWrite(route.request(), base())) {
        await route.fallback();
        return;
      }
      await route.fulfill({
        status: 422,
        contentType: 'application/fhir+json',
        body: JSON.stringify({
          resourceType: 'OperationOutcome',
          issue: [
            { severity: 'error', code: 'business-rule', diagnostics: 'Notes are closed for this encounter.' },
          ],
        }),
      });
    };
    await page.route(writeRoute, refuse);
    await app.getByRole('button', { name: 'Sign and submit' }).click();

    const alert = app.getByRole('alert');
    await expect.poll(() => alert.textContent()).toMatch(/did not accept the note/);
    expect(await alert.textContent()).toMatch(/draft is kept/);
    expect(await app.getByLabel('What happened (plain, strengths-based words)').inputValue()).toBe(NARRATIVE);
    expect(await findClinicalNotes(suite.sandbox, 'pt-maria-santos')).toHaveLength(0);
  });
});
