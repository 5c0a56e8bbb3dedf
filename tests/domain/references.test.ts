import { describe, expect, it } from 'vitest';
import { parseReference, referenceTo, referenceToId } from '../../src/domain/references';

describe('referenceTo', () => {
  it('writes the relative reference of a resource', () => {
    expect(referenceTo({ resourceType: 'Practitioner', id: 'pr-alex' })).toBe('Practitioner/pr-alex');
  });

  it('writes the same reference from a type and an id held apart', () => {
    expect(referenceToId('Patient', 'pt-maria-santos')).toBe('Patient/pt-maria-santos');
  });

  it('writes what parseReference reads back, for absolute and versioned references alike', () => {
    for (const reference of [
      'Encounter/enc-1',
      'https://ehr.example.org/fhir/Encounter/enc-1',
      'Encounter/enc-1/_history/3',
    ]) {
      const parsed = parseReference(reference);
      expect(parsed && referenceTo(parsed)).toBe('Encounter/enc-1');
    }
  });
});
