import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeSystem, Questionnaire, ValueSet } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { PACKAGE_DIR } from '../../scripts/profiles/paths';
import { validateAgainstProfiles } from '../../scripts/profiles/validation/profile-validator';

const readJson = (file: string): unknown => JSON.parse(readFileSync(join(PACKAGE_DIR, file), 'utf8'));
const read = (id: string): Questionnaire => readJson(`Questionnaire-${id}.json`) as Questionnaire;
const IDS = ['phq-9', 'gad-7', 'barc-10', 'qpr-15'];

describe('instrument Questionnaires in fhir-profiles', () => {
  it.each(IDS)('%s validates against base R4 with no issue', (id) => {
    expect(validateAgainstProfiles(read(id))).toEqual([]);
  });

  it.each([
    ['phq-9', 9],
    ['gad-7', 7],
    ['barc-10', 10],
    ['qpr-15', 15],
  ] as const)('%s has %i scored choice items', (id, count) => {
    const choices = (read(id).item ?? []).filter((item) => item.type === 'choice');
    expect(choices).toHaveLength(count);
  });

  it.each(IDS)('%s codes its read-only total with a code of ValueSet peer-outcome-measures', (id) => {
    const measures = readJson('ValueSet-peer-outcome-measures.json') as ValueSet;
    const allowed = new Set(
      (measures.compose?.include ?? []).flatMap((inc) =>
        (inc.concept ?? []).map((c) => `${inc.system ?? ''}|${c.code}`),
      ),
    );
    const totals = (read(id).item ?? []).filter((item) => item.type === 'integer' && item.readOnly);
    expect(totals).toHaveLength(1);
    const codes = (totals[0]?.code ?? []).map((c) => `${c.system ?? ''}|${c.code ?? ''}`);
    expect(codes).toHaveLength(1);
    expect(allowed).toContain(codes[0]);
  });

  it.each([
    ['barc-10', 'CodeSystem-barc-10-agreement.json'],
    ['qpr-15', 'CodeSystem-qpr-agreement.json'],
  ])(
    '%s answers with every concept of its own CodeSystem, in its order and with its displays',
    (id, file) => {
      const cs = readJson(file) as CodeSystem;
      const concepts = (cs.concept ?? []).map((c) => ({ system: cs.url, code: c.code, display: c.display }));
      for (const item of (read(id).item ?? []).filter((i) => i.type === 'choice')) {
        expect(
          item.answerOption?.map((option) => option.valueCoding),
          item.linkId,
        ).toEqual(concepts);
      }
    },
  );
});
