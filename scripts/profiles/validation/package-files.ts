import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeSystem, StructureDefinition, ValueSet } from 'fhir/r4';
import { PACKAGE_DIR } from '../paths';

export interface ProfilePackage {
  readonly structureDefinitions: readonly StructureDefinition[];
  readonly valueSets: readonly ValueSet[];
  readonly codeSystems: readonly CodeSystem[];
}

function readResources<T>(dir: string, prefix: string): T[] {
  return readdirSync(dir)
    .filter((name) => name.startsWith(prefix) && name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as T);
}

/** Reads the conformance resources of fhir-profiles/ (the checked-in files, snapshots included). */
export function readProfilePackage(dir: string = PACKAGE_DIR): ProfilePackage {
  return {
    structureDefinitions: readResources<StructureDefinition>(dir, 'StructureDefinition-'),
    valueSets: readResources<ValueSet>(dir, 'ValueSet-'),
    codeSystems: readResources<CodeSystem>(dir, 'CodeSystem-'),
  };
}
