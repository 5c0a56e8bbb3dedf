import { describe, expect, it } from 'vitest';
import { scopeCovers, uncoveredScopes } from '../../../scripts/preflight/scope-coverage';

describe('scopeCovers', () => {
  it('counts a wildcard type with more permissions as covering a v2 scope', () => {
    expect(scopeCovers('patient/*.cruds', 'patient/Encounter.crus')).toBe(true);
  });

  it('reads v1 names as their v2 letters', () => {
    expect(scopeCovers('patient/*.read', 'patient/Condition.rs')).toBe(true);
    expect(scopeCovers('patient/*.read', 'patient/Encounter.crus')).toBe(false);
  });

  it('never lets a patient scope cover a user scope', () => {
    expect(scopeCovers('patient/*.cruds', 'user/Encounter.crus')).toBe(false);
  });

  it('matches launch and identity scopes exactly', () => {
    expect(uncoveredScopes(['launch', 'openid'], ['launch', 'openid', 'fhirUser'])).toEqual(['fhirUser']);
  });
});
