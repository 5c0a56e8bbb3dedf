import type { Encounter, Observation } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import {
  ProfileValidationError,
  assertValid,
  errorsOf,
  validateAgainstProfiles,
} from '../../../../scripts/profiles/validation/profile-validator';
import { activityExample, checkInExample, encounterExample } from '../../../fhir-profiles/fixtures';

const CONTACT_MODE = 'https://peerbridge.example.org/fhir/StructureDefinition/contact-mode';

function messageOf(run: () => void): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ProfileValidationError);
    return (error as Error).message;
  }
  throw new Error('expected assertValid to throw');
}

const paths = (resource: Encounter | Observation): string[] =>
  errorsOf(validateAgainstProfiles(resource)).map((issue) => issue.path);

describe('a deliberately broken resource', () => {
  it('fails when an activity code is not in the peer-activity value set, naming Observation.valueCodeableConcept', () => {
    const observation = activityExample();
    observation.valueCodeableConcept = {
      coding: [{ system: 'https://peerbridge.example.org/fhir/CodeSystem/peer-activity', code: 'therapy' }],
    };
    const message = messageOf(() => assertValid(observation));
    expect(message).toContain('Observation.valueCodeableConcept');
    expect(message).toContain('https://peerbridge.example.org/fhir/ValueSet/peer-activity');
  });

  it('fails when an Encounter has no subject, naming Encounter.subject', () => {
    const encounter = encounterExample();
    delete encounter.subject;
    expect(messageOf(() => assertValid(encounter))).toContain('Encounter.subject');
  });

  it('fails when an Encounter has no contact-mode extension, naming the contactMode slice', () => {
    const encounter = encounterExample();
    encounter.extension = encounter.extension?.filter((e) => e.url !== CONTACT_MODE);
    const message = messageOf(() => assertValid(encounter));
    expect(message).toContain('Encounter.extension');
    expect(message).toContain('contactMode');
  });

  it('fails when the contact mode is not one of ours, naming the extension value', () => {
    const encounter = encounterExample();
    const mode = encounter.extension?.find((e) => e.url === CONTACT_MODE);
    if (mode) {
      mode.valueCoding = {
        system: 'https://peerbridge.example.org/fhir/CodeSystem/contact-mode',
        code: 'fax',
      };
    }
    expect(paths(encounter)).toContain('Encounter.extension[0].valueCoding');
  });

  it('fails when the encounter ends before it starts (pse-2)', () => {
    const encounter = encounterExample();
    encounter.period = { start: '2026-03-09T14:00:00-05:00', end: '2026-03-09T13:00:00-05:00' };
    expect(messageOf(() => assertValid(encounter))).toContain('pse-2');
  });

  it('fails when the encounter class is outside peer-encounter-classes, naming Encounter.class', () => {
    const encounter = encounterExample();
    encounter.class = { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP' };
    expect(paths(encounter)).toContain('Encounter.class');
  });

  it('fails when the type lacks the peer-support-service coding', () => {
    const encounter = encounterExample();
    encounter.type = encounter.type?.slice(1);
    expect(messageOf(() => assertValid(encounter))).toContain('peerService');
  });

  it('fails when an Observation status is not an R4 status, naming Observation.status', () => {
    const observation = activityExample();
    (observation as { status: string }).status = 'done';
    expect(paths(observation)).toContain('Observation.status');
  });

  it('fails when an Observation has no value and is not entered in error (pbo-2)', () => {
    const observation = activityExample();
    delete observation.valueCodeableConcept;
    expect(messageOf(() => assertValid(observation))).toContain('pbo-2');
    observation.status = 'entered-in-error';
    expect(errorsOf(validateAgainstProfiles(observation))).toEqual([]);
  });

  it('fails when a recovery check-in item is scored outside 1 to 5', () => {
    const observation = checkInExample();
    const first = observation.component?.[0];
    if (first) {
      first.valueInteger = 7;
    }
    expect(messageOf(() => assertValid(observation))).toContain('pbo-5');
  });

  it('fails when a check-in item code is not a recovery-check-in-item, naming the component', () => {
    const observation = checkInExample();
    const first = observation.component?.[0];
    if (first) {
      first.code = {
        coding: [
          { system: 'https://peerbridge.example.org/fhir/CodeSystem/recovery-check-in-item', code: 'mood' },
        ],
      };
    }
    expect(paths(observation)).toContain('Observation.component[0].code');
  });

  it('fails on an element R4 does not define, naming it', () => {
    const observation = { ...activityExample(), mood: 'good' } as Observation;
    expect(messageOf(() => assertValid(observation))).toContain('Observation.mood');
  });
});
