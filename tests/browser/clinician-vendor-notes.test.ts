/**
 * On Epic- and Oracle-shaped servers a peer's save lands only as a clinical note (a DocumentReference).
 * The note is seeded exactly as PeerBridge writes it (buildClinicalNote; on Oracle without the
 * identifier, category and meta Oracle drops on create), and a clinician must see it in the timeline
 * beside clinical care and open it, its text shown as text.
 */
import type { DocumentReference } from 'fhir/r4';
import type { FrameLocator } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildClinicalNote, utf8ToBase64 } from '../../src/domain/clinical-note';
import type { PeerEncounterDraft } from '../../src/domain/peer-encounter-draft';
import { FIXTURE_NOW, mariaIndividualDraft } from '../../mocks/fixtures/drafts';
import { useBrowserSuite } from './support/browser-suite';
import { openPeerSupportTab, signInToEhr } from './support/ehr-page';

const PATIENT = 'pt-marcus-hill';
const NARRATIVE_FIRST = 'Walked with Marcus to the library; <b>he</b> signed up for the job club.';
const FORGED = 'Narrative: a line typed to look like a field';

const draft: PeerEncounterDraft = {
  ...mariaIndividualDraft,
  id: '0b7e2c1a-5d4f-4e6a-8c9b-1a2b3c4d5e6f',
  patientId: PATIENT,
  start: '2026-11-18T10:00:00-05:00',
  durationMinutes: 45,
  narrative: `${NARRATIVE_FIRST}\n${FORGED}`,
  goals: [],
};

function peerNote(ehr: 'epic' | 'oracle'): DocumentReference {
  const note: DocumentReference = {
    ...buildClinicalNote(draft, {
      author: { practitioner: 'Practitioner/pr-alex-rivera', display: 'Alex Rivera' },
      now: FIXTURE_NOW,
    }),
    id: `doc-peer-${ehr}`,
  };
  if (ehr === 'epic') {
    return note;
  }
  // Oracle Health drops unsupported fields on create (mocks/sandbox/README.md, personalities).
  const { identifier: _identifier, category: _category, meta: _meta, ...kept } = note;
  return kept;
}

const therapyNote: DocumentReference = {
  resourceType: 'DocumentReference',
  id: 'doc-therapy-note',
  status: 'current',
  docStatus: 'final',
  type: { text: 'Progress note' },
  subject: { reference: `Patient/${PATIENT}` },
  date: '2026-11-12T15:00:00Z',
  author: [{ reference: 'Practitioner/pr-sam-okafor', display: 'Sam Okafor' }],
  content: [
    { attachment: { contentType: 'text/plain; charset=utf-8', data: utf8ToBase64('Seen in clinic.') } },
  ],
};

async function openAsClinician(suite: ReturnType<typeof useBrowserSuite>): Promise<FrameLocator> {
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  await signInToEhr(page, suite.sandbox.ehrUrl, 'sam.okafor');
  const app = await openPeerSupportTab(page, suite.sandbox.ehrUrl, PATIENT);
  await app.getByRole('heading', { name: 'Timeline of care' }).waitFor({ timeout: 15_000 });
  return app;
}

for (const ehr of ['epic', 'oracle'] as const) {
  describe(`a clinician on ${ehr === 'epic' ? 'an Epic' : 'an Oracle Health'}-shaped EHR`, () => {
    const suite = useBrowserSuite({ sandbox: { ehr } });

    beforeAll(async () => {
      await suite.sandbox.fhir.internal.add([peerNote(ehr), therapyNote]);
    });

    it('sees the peer’s note in the timeline beside clinical care, and other notes listed as notes', async () => {
      const app = await openAsClinician(suite);
      const timeline = app.getByRole('region', { name: 'Timeline, newest first' });
      await expect.poll(() => timeline.getByText('Peer support · In person').count()).toBe(1);
      await expect.poll(() => timeline.getByText(/Psychiatry|therapy/i).count()).toBeGreaterThan(0);
      await expect.poll(() => timeline.getByText('Progress note, Sam Okafor').count()).toBe(1);
      await expect.poll(() => timeline.getByText('Alex Rivera').count()).toBe(1);
      await expect.poll(() => app.getByText(/Clinical notes: not loaded/).count()).toBe(0);
    });

    it('opens the note with its parsed fields and its whole text as text', async () => {
      const app = await openAsClinician(suite);
      await app.getByRole('button', { name: /Open note/ }).click();
      const detail = app.locator('.note-detail');
      await detail.getByRole('heading', { name: /Peer support note/ }).waitFor();
      await expect.poll(() => detail.locator('dd').filter({ hasText: '45 minutes' }).count()).toBe(1);
      await expect.poll(() => detail.getByText('Alex Rivera').count()).toBeGreaterThan(0);
      // The typed markup is text, and the forged line stays inside the narrative.
      await expect.poll(() => detail.locator('b').count()).toBe(0);
      const narrative = detail.locator('dt', { hasText: /^Note$/ }).locator('xpath=following-sibling::dd');
      await expect.poll(() => narrative.textContent()).toBe(`${NARRATIVE_FIRST}\n${FORGED}`);
      const text = detail.getByLabel('Full text of the note');
      await expect.poll(() => text.textContent()).toMatch(/^Peer support note \(written with PeerBridge\)\n/);
      expect(await text.textContent()).toContain(`    ${FORGED}`);
    });
  });
}
