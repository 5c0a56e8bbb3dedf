import { describe, expect, it } from 'vitest';
import { missingUserReads } from '../../src/domain/user-level-access';

describe('missingUserReads', () => {
  it('names every home read as a user-level scope when only patient scopes were granted', () => {
    expect(missingUserReads('openid fhirUser patient/CareTeam.rs patient/Patient.rs')).toEqual([
      'user/Practitioner.rs',
      'user/CareTeam.rs',
      'user/Patient.rs',
      'user/Encounter.rs',
      'user/Task.rs',
    ]);
  });

  it('accepts v1 read scopes and v2 scopes that include read and search', () => {
    const granted =
      'user/Practitioner.read user/CareTeam.rs user/Patient.read user/Encounter.cruds user/Task.read';
    expect(missingUserReads(granted)).toEqual([]);
  });

  it('does not count a read without search, since the caseload is a search', () => {
    expect(
      missingUserReads('user/Practitioner.rs user/CareTeam.r user/Patient.rs user/Encounter.rs user/Task.rs'),
    ).toEqual(['user/CareTeam.rs']);
  });
});
