import type { CodeSystem } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import {
  ACTIVITIES,
  BILLING,
  codingOf,
  encounterClassFor,
  EXTENSION,
  FOLLOW_UP_URGENCIES,
  PROFILE,
  RESOURCE_KEY_SYSTEM,
  SECURITY_LABELS,
} from '../../src/domain/codes';
import { MissingCodeError } from '../../src/domain/terminology';

describe('codes', () => {
  it('throws a MissingCodeError for a code fhir-profiles does not have', () => {
    const cs: CodeSystem = {
      resourceType: 'CodeSystem',
      status: 'draft',
      content: 'complete',
      url: 'urn:x',
      concept: [],
    };
    expect(() => codingOf(cs, 'nope')).toThrow(MissingCodeError);
  });

  it('builds profile, extension and identifier URLs on the package canonical', () => {
    expect(PROFILE.encounter).toBe(
      'https://peerbridge.example.org/fhir/StructureDefinition/peer-support-encounter',
    );
    expect(EXTENSION.billingModifier).toBe(
      'https://peerbridge.example.org/fhir/StructureDefinition/billing-modifier',
    );
    expect(RESOURCE_KEY_SYSTEM).toBe('https://peerbridge.example.org/fhir/sid/resource-key');
  });

  it('reads external codes from the ValueSets of fhir-profiles', () => {
    expect(BILLING.peerServices).toEqual({
      system: 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
      code: 'H0038',
      display: 'Self-help/peer services, per 15 minutes',
    });
    expect(SECURITY_LABELS.part2.map((c) => c.code)).toEqual(['R', 'SUD', '42CFRPart2', 'NORDSCLCD']);
  });

  it('lists activities with displays and definitions for the UI', () => {
    expect(ACTIVITIES).toHaveLength(14);
    expect(ACTIVITIES[0]).toMatchObject({ code: 'engagement', display: 'Engagement' });
    expect(ACTIVITIES.every((a) => a.definition)).toBe(true);
    expect(FOLLOW_UP_URGENCIES.map((u) => u.code)).toEqual(['routine', 'urgent', 'asap']);
  });

  it('derives the encounter class from mode and setting', () => {
    expect(encounterClassFor('video', undefined).code).toBe('VR');
    expect(encounterClassFor('text', 'home').code).toBe('VR');
    expect(encounterClassFor('in-person', 'home').code).toBe('HH');
    expect(encounterClassFor('in-person', 'clinic').code).toBe('AMB');
    expect(encounterClassFor('in-person', 'shelter').code).toBe('FLD');
  });
});
