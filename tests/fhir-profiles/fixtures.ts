import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Encounter, FhirResource, Observation } from 'fhir/r4';
import { EXAMPLES_DIR } from '../../scripts/profiles/paths';

export function readExamples(): { filename: string; resource: FhirResource }[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((name) => name.endsWith('.json') && !name.startsWith('.'))
    .sort()
    .map((filename) => ({
      filename,
      resource: JSON.parse(readFileSync(join(EXAMPLES_DIR, filename), 'utf8')) as FhirResource,
    }));
}

function readExample(filename: string): unknown {
  return JSON.parse(readFileSync(join(EXAMPLES_DIR, filename), 'utf8'));
}

/** Fresh copies, so a test can break one without touching another's. */
export const encounterExample = (): Encounter =>
  readExample('Encounter-peer-support-encounter-example.json') as Encounter;
export const activityExample = (): Observation =>
  readExample('Observation-peer-activity-example.json') as Observation;
export const checkInExample = (): Observation =>
  readExample('Observation-peer-outcome-measure-example.json') as Observation;
