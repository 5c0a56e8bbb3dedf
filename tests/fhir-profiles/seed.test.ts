import { describe, expect, it } from 'vitest';
import { buildSeed } from '../../mocks/fixtures/seed';
import { errorsOf, validateAgainstProfiles } from '../../scripts/profiles/validation/profile-validator';

describe('the sandbox seed', () => {
  it('validates against base R4, required bindings included', () => {
    const failures = buildSeed(new Date('2026-03-10')).flatMap((resource) =>
      errorsOf(validateAgainstProfiles(resource)).map(
        (issue) => `${resource.resourceType}/${resource.id ?? ''} ${issue.path}: ${issue.message}`,
      ),
    );
    expect(failures).toEqual([]);
  });
});
