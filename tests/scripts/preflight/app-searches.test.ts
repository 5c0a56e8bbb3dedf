import { describe, expect, it } from 'vitest';
import { searchNeedsByType } from '../../../scripts/preflight/app-searches';

describe('searchNeedsByType', () => {
  it('names a parameter used to sort, and strips modifiers from include names', () => {
    const [encounter] = searchNeedsByType([
      {
        feature: 'history',
        query: 'Encounter?patient=Patient/x&_sort=-date&_count=5&_include:iterate=Observation:focus',
      },
    ]);
    expect([...(encounter?.params.keys() ?? [])]).toEqual(['patient', 'date']);
    expect([...(encounter?.includes.keys() ?? [])]).toEqual(['Observation:focus']);
  });

  it('finds the identifier and tag searches that make saves retry-safe', () => {
    const needs = new Map(searchNeedsByType().map((need) => [need.resourceType, need]));
    expect(needs.get('Observation')?.params.get('identifier')).toEqual(new Set(['retry-safe save']));
    expect(needs.get('Provenance')?.params.has('_tag')).toBe(true);
  });
});
