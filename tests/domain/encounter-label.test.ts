import type { Encounter } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { encounterLabel } from '../../src/domain/encounter-label';

const V3 = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const bare: Encounter = { resourceType: 'Encounter', status: 'finished', class: { system: V3, code: 'XYZ' } };

describe('encounterLabel', () => {
  it('uses the type first', () => {
    expect(
      encounterLabel({
        ...bare,
        type: [{ text: 'Psychiatry follow-up' }],
        serviceType: { text: 'Psychiatry' },
        class: { system: V3, code: 'AMB' },
      }),
    ).toBe('Psychiatry follow-up');
  });

  it('uses the serviceType when the type has no words', () => {
    expect(
      encounterLabel({ ...bare, type: [{ coding: [{ code: '99213' }] }], serviceType: { text: 'Therapy' } }),
    ).toBe('Therapy');
  });

  it('names the v3 ActCode classes in a clinician’s words', () => {
    expect(encounterLabel({ ...bare, class: { system: V3, code: 'AMB', display: 'ambulatory' } })).toBe(
      'Outpatient visit',
    );
    expect(encounterLabel({ ...bare, class: { code: 'EMER' } })).toBe('Emergency visit');
    expect(encounterLabel({ ...bare, class: { system: V3, code: 'IMP' } })).toBe('Hospital stay');
    expect(encounterLabel({ ...bare, class: { system: V3, code: 'HH' } })).toBe('Home health visit');
    expect(encounterLabel({ ...bare, class: { system: V3, code: 'VR' } })).toBe('Virtual visit');
  });

  it('uses another class system’s display, and a class sent as a CodeableConcept', () => {
    expect(
      encounterLabel({ ...bare, class: { system: 'urn:local', code: 'AMB', display: 'Clinic visit' } }),
    ).toBe('Clinic visit');
    const asConcept = { coding: [{ system: V3, code: 'VR' }] } as unknown as Encounter['class'];
    expect(encounterLabel({ ...bare, class: asConcept })).toBe('Virtual visit');
  });

  it('says why the visit happened when nothing else names it', () => {
    expect(encounterLabel({ ...bare, reasonCode: [{ text: 'Quitting smoking' }] })).toBe(
      'Visit for Quitting smoking',
    );
  });

  it('says "Visit" only when the server said nothing better, and is total over odd data', () => {
    expect(encounterLabel(bare)).toBe('Visit');
    expect(encounterLabel({ resourceType: 'Encounter' } as Encounter)).toBe('Visit');
    expect(encounterLabel({ ...bare, type: 'odd', class: 7 } as unknown as Encounter)).toBe('Visit');
  });
});
