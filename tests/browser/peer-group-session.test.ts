import type { Encounter } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { OBSERVATION_CODE } from '../../src/domain/codes';
import { fillCompleteNote, MARIA_NOTE, openDocumentation, signAndSubmit } from './support/note-form';
import {
  allOf,
  findClinicalNotes,
  findPeerResources,
  isGroupSessionEncounter,
  narrativeOf,
  observationsCoded,
  onlyEncounter,
  profileErrors,
  type PeerResources,
} from './support/peer-records';
import { useBrowserSuite } from './support/browser-suite';

const suite = useBrowserSuite();

const GROUP_NAME = 'Thursday wellness circle';
const GROUP_SUMMARY =
  'Five members shared what helped them through the winter and planned a walk for next week.';
const OTHER_PARTICIPANTS = [
  { name: 'Devon Walker', patientId: 'pt-devon-walker' },
  { name: 'Lena Novak', patientId: 'pt-lena-novak' },
] as const;

describe('documenting a group peer support session', () => {
  it('gives each participant an encounter of their own in one shared session, with only the shared words', async () => {
    const page = await suite.browser.newPage();
    const app = await openDocumentation(page, suite.sandbox, 'pt-maria-santos');

    await fillCompleteNote(app);
    await app
      .getByRole('group', { name: 'Individual or group' })
      .getByRole('radio', { name: 'Group' })
      .check();
    const others = app.getByRole('group', { name: 'Other participants' });
    for (const participant of OTHER_PARTICIPANTS) {
      await others.getByRole('checkbox', { name: participant.name }).check();
    }
    await app.getByLabel('Group name').fill(GROUP_NAME);
    await app.getByLabel(/^About the group session/).fill(GROUP_SUMMARY);
    const note = await signAndSubmit(app);
    await expect.poll(() => note.textContent()).toContain(MARIA_NOTE.narrative);

    const maria = await findPeerResources(suite.sandbox, 'pt-maria-santos');
    const mariaEncounter = onlyEncounter(maria);
    expect(narrativeOf(maria.observations)).toBe(MARIA_NOTE.narrative);
    expect(observationsCoded(maria.observations, OBSERVATION_CODE.goalProgress.code)).toHaveLength(2);
    expect(observationsCoded(maria.observations, OBSERVATION_CODE.response.code)).toHaveLength(1);

    const sessionReference = mariaEncounter.partOf?.reference ?? '';
    expect(sessionReference).toMatch(/^Encounter\/.+/);
    const session = await suite.sandbox.fhir.internal.read<Encounter>(
      'Encounter',
      sessionReference.slice(10),
    );
    expect(session && isGroupSessionEncounter(session)).toBe(true);
    expect(session?.subject).toBeUndefined();
    expect(mariaEncounter.partOf?.display).toBe(GROUP_NAME);

    const everyone: PeerResources[] = [maria];
    for (const participant of OTHER_PARTICIPANTS) {
      const records = await findPeerResources(suite.sandbox, participant.patientId);
      everyone.push(records);
      const encounter = onlyEncounter(records);
      expect(encounter.status, participant.name).toBe('finished');
      expect(encounter.partOf?.reference, participant.name).toBe(sessionReference);
      expect(narrativeOf(records.observations), participant.name).toBe(GROUP_SUMMARY);
      expect(observationsCoded(records.observations, OBSERVATION_CODE.goalProgress.code)).toEqual([]);
      expect(observationsCoded(records.observations, OBSERVATION_CODE.response.code)).toEqual([]);
      expect(observationsCoded(records.observations, OBSERVATION_CODE.nextSteps.code)).toEqual([]);
      expect(records.tasks).toEqual([]);
      expect(JSON.stringify(records.observations)).not.toContain('Maria');
    }

    expect(profileErrors([...(session ? [session] : []), ...everyone.flatMap(allOf)])).toEqual([]);
    // Each person's record also holds one clinical note of their own, with only their words.
    expect((await findClinicalNotes(suite.sandbox, 'pt-maria-santos')).map((n) => n.text)).toEqual([
      expect.stringContaining(MARIA_NOTE.narrative),
    ]);
    for (const participant of OTHER_PARTICIPANTS) {
      const notes = await findClinicalNotes(suite.sandbox, participant.patientId);
      expect(
        notes.map((n) => n.text),
        participant.name,
      ).toEqual([expect.stringContaining(GROUP_SUMMARY)]);
      expect(notes[0]?.text, participant.name).not.toContain('Maria');
    }
  });
});
