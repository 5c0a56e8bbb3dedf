import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Resource } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../scripts/profiles/examples';
import { EXAMPLES_DIR, toJsonFile } from '../../scripts/profiles/paths';
import { loadedProfiles, validateAgainstProfiles } from '../../scripts/profiles/validation/profile-validator';
import { readExamples } from './fixtures';

const examples = readExamples();

describe('fhir-profiles examples', () => {
  it.each(examples.map((e) => [e.filename, e.resource] as const))(
    '%s validates against base R4 and its profiles with no issue',
    (_name, resource) => {
      expect(validateAgainstProfiles(resource)).toEqual([]);
    },
  );

  it('has an example claiming each profile', () => {
    const resources = examples.flatMap(({ resource }): Resource[] =>
      resource.resourceType === 'Bundle'
        ? (resource.entry ?? []).flatMap((entry) => (entry.resource ? [entry.resource] : []))
        : [resource],
    );
    const claimed = new Set(resources.flatMap((resource) => resource.meta?.profile ?? []));
    const profiles = [...loadedProfiles().values()].filter((sd) => sd.type !== 'Extension');
    expect(profiles.filter((sd) => !claimed.has(sd.url)).map((sd) => sd.url)).toEqual([]);
  });

  it('uses every extension in some example', () => {
    const text = examples.map(({ resource }) => JSON.stringify(resource)).join('\n');
    const extensions = [...loadedProfiles().values()].filter((sd) => sd.type === 'Extension');
    expect(extensions.filter((sd) => !text.includes(`"url":"${sd.url}"`)).map((sd) => sd.url)).toEqual([]);
  });

  it('keeps the example files identical to what npm run profiles:build writes', () => {
    for (const example of EXAMPLES) {
      expect(readFileSync(join(EXAMPLES_DIR, example.filename), 'utf8'), example.filename).toBe(
        toJsonFile(example.resource),
      );
    }
    expect(examples.map((e) => e.filename)).toEqual(EXAMPLES.map((e) => e.filename).sort());
  });
});
