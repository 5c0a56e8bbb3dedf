import type { FhirResource } from 'fhir/r4';
import type { ExampleRefs } from './context';
import { peerEncounterTransaction } from './bundle';
import { peerSupportNote } from './clinical-note';
import { groupParticipantEncounter, peerSupportEncounter } from './encounter';
import { activity, followUp, goalProgress, note, recoveryCheckIn, response } from './observations';
import { peerNoteReturn } from './note-return';
import { peerCosignProvenance, peerProvenance } from './provenance';

export interface ExampleFile {
  readonly filename: string;
  readonly resource: FhirResource;
}

const ENCOUNTER_ID = 'peer-support-encounter-example';
const refs: ExampleRefs = {
  encounter: { reference: `Encounter/${ENCOUNTER_ID}` },
  newGoal: { reference: 'Goal/goal-maria-santos-choir' },
};

function file(resource: FhirResource): ExampleFile {
  return { filename: `${resource.resourceType}-${resource.id ?? 'unknown'}.json`, resource };
}

/** One valid example per profile (the Encounters show every extension) plus the transaction. */
export const EXAMPLES: readonly ExampleFile[] = [
  file(peerSupportEncounter(ENCOUNTER_ID)),
  file(groupParticipantEncounter('peer-support-encounter-group-example')),
  file(activity(refs, 'community-connection', 'peer-activity-example')),
  file(goalProgress(refs, 'existing', 'peer-goal-progress-example')),
  file(response(refs, 'peer-response-example')),
  file(note(refs, 'narrative', 'peer-note-example')),
  file(recoveryCheckIn(refs, 'peer-outcome-measure-example')),
  file(followUp(refs, 'peer-follow-up-example')),
  file(
    peerProvenance(
      [
        refs.encounter,
        { reference: 'Observation/peer-activity-example' },
        { reference: 'Observation/peer-note-example' },
      ],
      'peer-provenance-example',
    ),
  ),
  file(peerSupportNote('peer-support-note-example')),
  file(
    peerCosignProvenance(
      [refs.encounter, { reference: 'DocumentReference/peer-support-note-example' }],
      'peer-cosign-provenance-example',
    ),
  ),
  file(
    peerNoteReturn(
      refs.encounter,
      { reference: 'DocumentReference/peer-support-note-example' },
      'peer-note-return-example',
    ),
  ),
  { filename: 'Bundle-peer-encounter-transaction.json', resource: peerEncounterTransaction() },
];

/** Which example illustrates which profile or extension (for the pages and the tests). */
export const EXAMPLE_FOR: Readonly<Record<string, string>> = {
  'peer-support-encounter': `Encounter-${ENCOUNTER_ID}.json`,
  'contact-mode': `Encounter-${ENCOUNTER_ID}.json`,
  'session-format': `Encounter-${ENCOUNTER_ID}.json`,
  'peer-setting': 'Encounter-peer-support-encounter-group-example.json',
  'billing-modifier': 'Encounter-peer-support-encounter-group-example.json',
  'peer-activity-observation': 'Observation-peer-activity-example.json',
  'peer-goal-progress-observation': 'Observation-peer-goal-progress-example.json',
  'peer-response-observation': 'Observation-peer-response-example.json',
  'peer-note-observation': 'Observation-peer-note-example.json',
  'peer-outcome-measure-observation': 'Observation-peer-outcome-measure-example.json',
  'peer-follow-up-observation': 'Observation-peer-follow-up-example.json',
  'peer-provenance': 'Provenance-peer-provenance-example.json',
  'peer-support-note': 'DocumentReference-peer-support-note-example.json',
  'peer-cosign-provenance': 'Provenance-peer-cosign-provenance-example.json',
  'peer-note-return': 'Communication-peer-note-return-example.json',
};
