/**
 * `npm run profiles:build`: writes every StructureDefinition of fhir-profiles/ (the differential
 * from scripts/profiles/definitions plus a snapshot from fhir-snapshot-generator), the examples,
 * and the package's .index.json files. Offline and idempotent: run it after changing a definition
 * and commit what it writes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { STRUCTURE_DEFINITIONS } from './definitions';
import { EXAMPLES } from './examples';
import type { FhirPackageManifest } from './fhir-cache';
import { buildPackageIndex } from './package-index';
import { EXAMPLES_DIR, FHIR_CACHE_DIR, PACKAGE_DIR, toJsonFile } from './paths';
import { generateSnapshots } from './snapshots';
import { mkdirSync } from 'node:fs';

const started = Date.now();
const manifest = JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as FhirPackageManifest;

const profiles = await generateSnapshots(FHIR_CACHE_DIR, manifest, STRUCTURE_DEFINITIONS);
for (const sd of profiles) {
  writeFileSync(join(PACKAGE_DIR, `StructureDefinition-${sd.id ?? ''}.json`), toJsonFile(sd));
}

mkdirSync(EXAMPLES_DIR, { recursive: true });
for (const example of EXAMPLES) {
  writeFileSync(join(EXAMPLES_DIR, example.filename), toJsonFile(example.resource));
}

writeFileSync(join(PACKAGE_DIR, '.index.json'), toJsonFile(buildPackageIndex(PACKAGE_DIR)));
writeFileSync(join(EXAMPLES_DIR, '.index.json'), toJsonFile(buildPackageIndex(EXAMPLES_DIR)));

console.log(
  `Wrote ${profiles.length} StructureDefinitions and ${EXAMPLES.length} examples in ${Date.now() - started} ms.`,
);
