import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Questionnaire } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { PACKAGE_DIR } from '../../scripts/profiles/paths';
import { validateAgainstProfiles } from '../../scripts/profiles/validation/profile-validator';

const read = (id: string): Questionnaire =>
  JSON.parse(readFileSync(join(PACKAGE_DIR, `Questionnaire-${id}.json`), 'utf8')) as Questionnaire;

describe('instrument Questionnaires in fhir-profiles', () => {
  it.each(['phq-9', 'gad-7', 'barc-10'])('%s validates against base R4 with no issue', (id) => {
    expect(validateAgainstProfiles(read(id))).toEqual([]);
  });

  it.each([
    ['phq-9', 9],
    ['gad-7', 7],
    ['barc-10', 10],
  ] as const)('%s has %i scored choice items', (id, count) => {
    const choices = (read(id).item ?? []).filter((item) => item.type === 'choice');
    expect(choices).toHaveLength(count);
  });
});
