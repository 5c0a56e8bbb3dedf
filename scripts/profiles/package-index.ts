import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The `.index.json` of a FHIR NPM package (index-version 1): one entry per resource file, so tools
 * find a resource by url or id without opening every file.
 * https://confluence.hl7.org/display/FHIR/NPM+Package+Specification
 */
export interface PackageIndexEntry {
  readonly filename: string;
  readonly resourceType: string;
  readonly id?: string;
  readonly url?: string;
  readonly version?: string;
  readonly kind?: string;
  readonly type?: string;
}

export interface PackageIndex {
  readonly 'index-version': 1;
  readonly files: readonly PackageIndexEntry[];
}

function stringField(json: Record<string, unknown>, key: string): Record<string, string> {
  const value = json[key];
  return typeof value === 'string' ? { [key]: value } : {};
}

export function isResourceFile(filename: string): boolean {
  return filename.endsWith('.json') && filename !== 'package.json' && !filename.startsWith('.');
}

/** Indexes the resource files directly inside `dir` (not sub-folders), sorted by filename. */
export function buildPackageIndex(dir: string): PackageIndex {
  const files = readdirSync(dir)
    .filter(isResourceFile)
    .sort()
    .map((filename): PackageIndexEntry => {
      const json = JSON.parse(readFileSync(join(dir, filename), 'utf8')) as Record<string, unknown>;
      const resourceType = json.resourceType;
      if (typeof resourceType !== 'string') {
        throw new Error(`${join(dir, filename)} is not a FHIR resource: it has no resourceType.`);
      }
      return {
        filename,
        resourceType,
        ...stringField(json, 'id'),
        ...stringField(json, 'url'),
        ...stringField(json, 'version'),
        ...stringField(json, 'kind'),
        ...stringField(json, 'type'),
      };
    });
  return { 'index-version': 1, files };
}
