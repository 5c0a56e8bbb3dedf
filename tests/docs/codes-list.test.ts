/**
 * docs/codes.md lists every code and profile PeerBridge writes with its source. This holds it to
 * fhir-profiles/ both ways, so the list cannot drift: every code of the ValueSets and CodeSystems the
 * app reads (src/domain/fhir-profiles.ts) and of the instrument Questionnaires is listed under its
 * system, every profile and Questionnaire canonical is listed, and nothing listed is missing from the
 * package.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Questionnaire } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { CODE_SYSTEMS, VALUE_SETS } from '../../src/domain/fhir-profiles';
import { conceptList } from '../../src/domain/codes-lookup';
import { PACKAGE_DIR } from '../../scripts/profiles/paths';

const DOC = readFileSync(join(import.meta.dirname, '../../docs/codes.md'), 'utf8');
const CANONICAL = 'https://peerbridge.example.org/fhir';

interface IndexEntry {
  readonly filename: string;
  readonly resourceType: string;
  readonly url?: string;
}
const INDEX = (JSON.parse(readFileSync(join(PACKAGE_DIR, '.index.json'), 'utf8')) as { files: IndexEntry[] })
  .files;
const QUESTIONNAIRES = INDEX.filter((f) => f.resourceType === 'Questionnaire').map(
  (f) => JSON.parse(readFileSync(join(PACKAGE_DIR, f.filename), 'utf8')) as Questionnaire,
);
const INSTRUMENT_CODE_SYSTEMS = INDEX.filter((f) =>
  ['CodeSystem-barc-10-agreement.json', 'CodeSystem-qpr-agreement.json'].includes(f.filename),
);

const ticked = (cell: string): string[] => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '');

/** `system|code` of every row of every table whose header has a Codes and a System column. */
function listedCodes(markdown: string): Set<string> {
  const listed = new Set<string>();
  let columns: { codes: number; system: number } | undefined;
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) {
      columns = undefined;
      continue;
    }
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
    if (columns === undefined) {
      const codes = cells.indexOf('Codes');
      const system = cells.indexOf('System');
      columns = codes >= 0 && system >= 0 ? { codes, system } : { codes: -1, system: -1 };
      continue;
    }
    if (columns.codes < 0 || /^-+$/.test(cells[0] ?? '')) {
      continue;
    }
    const [system] = ticked(cells[columns.system] ?? '');
    for (const code of ticked(cells[columns.codes] ?? '')) {
      listed.add(`${system ?? ''}|${code}`);
    }
  }
  return listed;
}

/** `system|code` of every code the package gives the app, and of the instruments. */
function packageCodes(): Set<string> {
  const codes = new Set<string>();
  for (const source of [...VALUE_SETS, ...CODE_SYSTEMS]) {
    for (const concept of conceptList(source)) {
      codes.add(`${concept.system}|${concept.code}`);
    }
  }
  for (const file of INSTRUMENT_CODE_SYSTEMS) {
    const cs = JSON.parse(readFileSync(join(PACKAGE_DIR, file.filename), 'utf8')) as {
      url: string;
      concept: { code: string }[];
    };
    cs.concept.forEach((c) => codes.add(`${cs.url}|${c.code}`));
  }
  for (const questionnaire of QUESTIONNAIRES) {
    const codings = [
      ...(questionnaire.code ?? []),
      ...(questionnaire.item ?? []).flatMap((item) => [
        ...(item.code ?? []),
        ...(item.answerOption ?? []).flatMap((option) => (option.valueCoding ? [option.valueCoding] : [])),
      ]),
    ];
    codings.forEach((c) => codes.add(`${c.system ?? ''}|${c.code ?? ''}`));
  }
  return codes;
}

describe('docs/codes.md', () => {
  const listed = listedCodes(DOC);
  const expected = packageCodes();

  it('reads the code tables (a change to their header would otherwise pass with nothing read)', () => {
    expect(listed.size).toBeGreaterThan(150);
    expect(listed).toContain('http://loinc.org|44260-8');
    expect(listed).toContain('http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets|H0038');
  });

  it('lists every code of fhir-profiles the app reads or writes, under its system', () => {
    expect([...expected].filter((code) => !listed.has(code))).toEqual([]);
  });

  it('lists no code that fhir-profiles does not have', () => {
    expect([...listed].filter((code) => !expected.has(code))).toEqual([]);
  });

  it('lists every profile, extension and Questionnaire canonical of fhir-profiles, and no other', () => {
    const canonicals = INDEX.filter((f) => ['StructureDefinition', 'Questionnaire'].includes(f.resourceType))
      .map((f) => f.url ?? '')
      .sort();
    const inDoc = ticked(DOC)
      .filter(
        (t) =>
          t.startsWith(`${CANONICAL}/StructureDefinition/`) || t.startsWith(`${CANONICAL}/Questionnaire/`),
      )
      .sort();
    expect(canonicals.length).toBeGreaterThan(0);
    expect(inDoc).toEqual(canonicals);
  });
});
