/** `npm run profiles:pages`: regenerates fhir-profiles/docs/*.md from the package's JSON files. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readProfilePackage } from './validation/package-files';
import { renderPages } from './pages';
import { PAGES_DIR } from './paths';

const pages = await renderPages(readProfilePackage());
mkdirSync(PAGES_DIR, { recursive: true });
for (const [name, markdown] of pages) {
  writeFileSync(join(PAGES_DIR, name), markdown);
}
console.log(`Wrote ${pages.size} pages to ${PAGES_DIR}.`);
