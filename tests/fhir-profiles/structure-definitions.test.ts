import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STRUCTURE_DEFINITIONS } from '../../scripts/profiles/definitions';
import { buildPackageIndex } from '../../scripts/profiles/package-index';
import { EXAMPLES_DIR, PACKAGE_DIR } from '../../scripts/profiles/paths';
import { readProfilePackage } from '../../scripts/profiles/validation/package-files';

const manifest = JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as {
  canonical: string;
  fhirVersions: string[];
};
const { structureDefinitions } = readProfilePackage();

describe('fhir-profiles StructureDefinitions', () => {
  it('are all checked in, one file per definition', () => {
    expect(structureDefinitions.map((sd) => sd.id).sort()).toEqual(
      STRUCTURE_DEFINITIONS.map((sd) => sd.id).sort(),
    );
  });

  it.each(structureDefinitions.map((sd) => [sd.id ?? '', sd] as const))(
    '%s has a snapshot containing every differential element',
    (_id, sd) => {
      const snapshotIds = new Set(sd.snapshot?.element.map((e) => e.id));
      expect(snapshotIds.size).toBeGreaterThan(0);
      const missing = (sd.differential?.element ?? []).filter((e) => !snapshotIds.has(e.id));
      expect(missing.map((e) => e.id)).toEqual([]);
    },
  );

  it.each(structureDefinitions.map((sd) => [sd.id ?? '', sd] as const))(
    '%s is an R4 constraint under the package canonical with must-support elements',
    (_id, sd) => {
      expect(sd.url).toBe(`${manifest.canonical}/StructureDefinition/${sd.id ?? ''}`);
      expect(sd.fhirVersion).toBe(manifest.fhirVersions[0]);
      expect(sd.derivation).toBe('constraint');
      if (sd.type !== 'Extension') {
        expect(sd.differential?.element.some((e) => e.mustSupport)).toBe(true);
      }
    },
  );

  it('keeps the checked-in differentials equal to scripts/profiles/definitions (run npm run profiles:build)', () => {
    const onDisk = new Map(structureDefinitions.map((sd) => [sd.id, sd.differential]));
    for (const sd of STRUCTURE_DEFINITIONS) {
      expect(onDisk.get(sd.id), sd.id).toEqual(sd.differential);
    }
  });
});

describe('the package index', () => {
  it.each([PACKAGE_DIR, EXAMPLES_DIR])('%s/.index.json lists exactly the resource files', (dir) => {
    const onDisk = JSON.parse(readFileSync(join(dir, '.index.json'), 'utf8')) as unknown;
    expect(onDisk).toEqual(buildPackageIndex(dir));
  });
});
