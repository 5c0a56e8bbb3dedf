/**
 * A cheap guard for "codes come from fhir-profiles through one module": no string literal in src/
 * outside src/domain/codes.ts and its codes-*.ts siblings is a system URL or a code of our CodeSystems and ValueSets.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODE_SYSTEMS, conceptList, VALUE_SETS } from '../../src/domain/codes';

const ROOT = join(import.meta.dirname, '../..');
/** codes.ts, the door importers use, and the codes-<area>.ts files behind it. */
const ALLOWED_FILE = /^src\/domain\/codes(-[a-z-]+)?\.ts$/;

/**
 * Words that are codes of ours and also something else the compiler already checks:
 * `in-progress` is Encounter.status (typed by fhir/r4); `individual` and `group` are the
 * SessionFormat type that codes.ts checks against session-format; `other` is a timeline category.
 */
const ALSO_NOT_CODES = new Set(['in-progress', 'individual', 'group', 'other']);
const CODES = new Set(
  [...CODE_SYSTEMS, ...VALUE_SETS]
    .flatMap((source) => conceptList(source).map((c) => c.code))
    .filter((c) => !ALSO_NOT_CODES.has(c)),
);
/** Known offences outside src/domain, owned elsewhere: fix them, then remove them here. */
const KNOWN_OFFENCES = new Set<string>();
const URL_LIKE = /^(https?:\/\/|urn:oid:|urn:iso:)/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return sourceFiles(path);
    }
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

function literals(source: string): string[] {
  const code = source
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|\s)\/\/.*$/gm, '$1')
    // An HTML input type (type="text") is markup, not a contact-mode code.
    .replace(/\btype="(text|date|time|number|checkbox|radio|button|submit)"/g, '');
  const found: string[] = [];
  for (const match of code.matchAll(/'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g)) {
    const text = match[1] ?? match[2] ?? match[3] ?? '';
    found.push(...(match[3] === undefined ? [text] : text.split(/\$\{[^}]*\}/)));
  }
  return found;
}

describe('code literals in src/', () => {
  it('finds the codes of fhir-profiles to look for', () => {
    expect(CODES.has('H0038')).toBe(true);
    expect(CODES.has('peer-support-service')).toBe(true);
  });

  it('keeps system URLs and codes in src/domain/codes.ts and its codes-*.ts siblings only', () => {
    const offences: string[] = [];
    for (const file of sourceFiles(join(ROOT, 'src'))) {
      const name = relative(ROOT, file).split('\\').join('/');
      if (ALLOWED_FILE.test(name)) {
        continue;
      }
      for (const literal of literals(readFileSync(file, 'utf8'))) {
        const offence = `${name}: '${literal}'`;
        if ((CODES.has(literal) || URL_LIKE.test(literal)) && !KNOWN_OFFENCES.has(offence)) {
          offences.push(offence);
        }
      }
    }
    expect(offences).toEqual([]);
  });
});
