import type { Bundle } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { OBSERVATION_CODE } from '../../src/domain/codes';
import {
  appFrame,
  describedMessage,
  fillCompleteNote,
  MARIA_NOTE,
  openDocumentation,
  signAndSubmit,
} from './support/note-form';
import {
  allOf,
  findPeerResources,
  narrativeOf,
  observationsCoded,
  onlyEncounter,
  profileErrors,
  provenanceActivity,
} from './support/peer-records';
import { useBrowserSuite } from './support/browser-suite';

const suite = useBrowserSuite({ contextPerTest: true, resetDataPerTest: true });

/** The app reads its context as one batch of GETs: a POST, but no write. */
function isReadOnlyBatch(body: string | null): boolean {
  try {
    const bundle = JSON.parse(body ?? '') as Bundle;
    return bundle.type === 'batch' && (bundle.entry ?? []).every((entry) => entry.request?.method === 'GET');
  } catch {
    return false;
  }
}

describe('documenting an individual peer support contact', () => {
  it('signs and submits a complete note that the FHIR server holds as valid, finished resources', async () => {
    const page = await suite.context.newPage();
    const app = await openDocumentation(page, suite.sandbox, 'pt-maria-santos');

    await fillCompleteNote(app);
    // Another progress than the seed's (improving), so the Goal's own status must change to match.
    await app
      .getByRole('group', { name: 'Recovery goals worked on' })
      .getByLabel('Progress')
      .first()
      .selectOption({ value: 'no-change' });
    const note = await signAndSubmit(app);

    await expect.poll(() => note.textContent()).toContain(MARIA_NOTE.narrative);
    expect(await note.textContent()).toContain(MARIA_NOTE.nextSteps);
    expect(await note.textContent()).toContain(MARIA_NOTE.newGoal);

    const records = await findPeerResources(suite.sandbox, 'pt-maria-santos');
    const encounter = onlyEncounter(records);
    expect(encounter.status).toBe('finished');
    expect(encounter.length?.value).toBe(45);
    expect(records.observations.length).toBeGreaterThan(0);
    expect(records.observations.map((o) => o.status)).toEqual(records.observations.map(() => 'final'));
    expect(narrativeOf(records.observations)).toBe(MARIA_NOTE.narrative);
    expect(observationsCoded(records.observations, OBSERVATION_CODE.goalProgress.code)).toHaveLength(2);
    expect(observationsCoded(records.observations, OBSERVATION_CODE.response.code)).toHaveLength(1);
    expect(observationsCoded(records.observations, OBSERVATION_CODE.checkIn.code)).toHaveLength(1);
    expect(records.goals.map((g) => g.description.text)).toContain(MARIA_NOTE.newGoal);
    // The server lists Goal update: the person's own Goal now says the progress the note gives it.
    const choirProgress = records.observations.find(
      (o) => o.focus?.[0]?.reference === 'Goal/goal-maria-santos-choir',
    )?.valueCodeableConcept?.coding?.[0];
    const choir = records.goals.find((g) => g.id === 'goal-maria-santos-choir');
    expect(choirProgress?.code).toBe('no-change');
    expect(choir?.achievementStatus?.coding?.map((c) => [c.system, c.code])).toEqual([
      [choirProgress?.system, choirProgress?.code],
    ]);
    expect(records.tasks).toHaveLength(1);
    expect(records.tasks[0]?.owner?.reference).toBe('Practitioner/pr-sam-okafor');

    const [provenance, ...moreProvenances] = records.provenances;
    expect(moreProvenances).toHaveLength(0);
    expect(provenance && provenanceActivity(provenance)).toBe('CREATE');
    expect(provenance?.agent[0]?.who.reference).toMatch(
      /^(PractitionerRole\/role|Practitioner\/pr)-alex-rivera$/,
    );
    const encounterKey = encounter.identifier?.[0]?.value ?? '';
    expect(provenance?.meta?.tag?.map((tag) => tag.code)).toContain(
      encounterKey.replace(/:encounter$/, ':provenance:1'),
    );

    expect(profileErrors(allOf(records))).toEqual([]);
  });

  it('shows each problem beside its field, moves focus to the first and writes nothing', async () => {
    const page = await suite.context.newPage();
    // Listening from the start, so a write the app sent while loading would be seen too.
    const fhirWrites: string[] = [];
    page.on('request', (request) => {
      if (
        request.url().startsWith(suite.sandbox.fhirBaseUrl) &&
        !['GET', 'OPTIONS'].includes(request.method()) &&
        !isReadOnlyBatch(request.postData())
      ) {
        fhirWrites.push(`${request.method()} ${request.url()}`);
      }
    });
    const app = await openDocumentation(page, suite.sandbox, 'pt-maria-santos');

    await app.getByRole('button', { name: 'Sign and submit' }).click();

    const duration = app.getByLabel('Duration (minutes)');
    await expect.poll(() => duration.getAttribute('aria-invalid')).toBe('true');
    expect(await describedMessage(duration)).not.toBe('');
    expect(await describedMessage(app.getByRole('group', { name: 'How you were in contact' }))).not.toBe('');
    expect(
      await app.getByRole('group', { name: 'What you did together' }).locator('.field-error').textContent(),
    ).toMatch(/activity/i);
    expect(await describedMessage(app.getByLabel('What happened (plain, strengths-based words)'))).toMatch(
      /note/i,
    );
    expect(await app.getByRole('alert').textContent()).toMatch(/need a look/);
    expect(await appFrame(page, suite.sandbox).evaluate(() => document.activeElement?.id)).toBe(
      'field-durationMinutes',
    );

    expect(fhirWrites).toEqual([]);
    expect((await findPeerResources(suite.sandbox, 'pt-maria-santos')).encounters).toEqual([]);
  });
});
