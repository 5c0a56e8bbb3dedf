import type { Observation } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { SCORE_MEASURES } from '../../src/domain/codes';
import { measureChanges } from '../../src/domain/program-report-measures';

const RANGE = { from: '2026-01-01', to: '2026-12-31' };
const PEOPLE = new Set(['pt-a', 'pt-b']);

function total(name: string, patient: string, date: string, value: number): Observation {
  const measure = SCORE_MEASURES.find((m) => m.name === name);
  if (!measure) {
    throw new Error(`no score measure ${name}`);
  }
  return {
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ ...measure.coding }] },
    subject: { reference: `Patient/${patient}` },
    effectiveDateTime: date,
    valueInteger: value,
  };
}

describe('measureChanges', () => {
  it('gives the BARC-10 mean change as higher-is-better, from each person’s first to last total', () => {
    const changes = measureChanges(
      [
        total('BARC-10', 'pt-a', '2026-02-01T10:00:00Z', 30),
        total('BARC-10', 'pt-a', '2026-06-01T10:00:00Z', 42),
        total('BARC-10', 'pt-b', '2026-03-01T10:00:00Z', 40),
        total('BARC-10', 'pt-b', '2026-07-01T10:00:00Z', 44),
      ],
      RANGE,
      PEOPLE,
    );
    expect(changes.find((c) => c.name === 'BARC-10')).toEqual({
      name: 'BARC-10',
      recorded: 4,
      peopleWithBoth: 2,
      meanChange: 8,
      better: 'higher',
    });
  });

  it('keeps PHQ-9 lower-is-better and QPR-15 higher-is-better beside it', () => {
    const changes = measureChanges(
      [
        total('PHQ-9', 'pt-a', '2026-02-01T10:00:00Z', 15),
        total('QPR-15', 'pt-a', '2026-02-01T10:00:00Z', 30),
      ],
      RANGE,
      PEOPLE,
    );
    expect(changes.map((c) => [c.name, c.better])).toEqual(
      expect.arrayContaining([
        ['PHQ-9', 'lower'],
        ['QPR-15', 'higher'],
      ]),
    );
  });
});
