import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readProfilePackage } from '../../scripts/profiles/validation/package-files';
import { renderPages } from '../../scripts/profiles/pages';
import { PAGES_DIR } from '../../scripts/profiles/paths';

describe('fhir-profiles/docs pages', () => {
  it('are up to date with the package (run npm run profiles:pages)', async () => {
    const pages = await renderPages(readProfilePackage());
    expect(readdirSync(PAGES_DIR).sort()).toEqual([...pages.keys()].sort());
    for (const [name, markdown] of pages) {
      expect(readFileSync(join(PAGES_DIR, name), 'utf8'), name).toBe(markdown);
    }
  });
});
