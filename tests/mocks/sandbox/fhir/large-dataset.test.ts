import type { Bundle, Encounter, FhirResource, Observation, Patient } from 'fhir/r4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestFhirServer } from './fhir-test-server';
import { startTestFhirServer } from './fhir-test-server';

/**
 * A practice-sized store: 100 patients and 10,000 observations; patient p-0 has 500 encounters with
 * 10 observations each, the others ~50 observations apiece. The timings are printed, not asserted,
 * so a slow machine does not fail the suite; the results must be exact.
 */
function practiceSeed(): FhirResource[] {
  const patients = Array.from({ length: 100 }, (_, index): Patient => ({
    resourceType: 'Patient',
    id: `p-${index}`,
  }));
  const encounters = Array.from({ length: 500 }, (_, index): Encounter => ({
    resourceType: 'Encounter',
    id: `e-${index}`,
    status: 'finished',
    class: { code: 'AMB' },
    subject: { reference: 'Patient/p-0' },
  }));
  const observations = Array.from({ length: 10_000 }, (_, index): Observation => {
    const forP0 = index < 5000;
    return {
      resourceType: 'Observation',
      id: `o-${index}`,
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '44250-9' }] },
      subject: { reference: `Patient/p-${forP0 ? 0 : 1 + (index % 99)}` },
      ...(forP0 ? { encounter: { reference: `Encounter/e-${index % 500}` } } : {}),
      effectiveDateTime: new Date(Date.UTC(2024, 0, 1) + index * 3_600_000).toISOString(),
    };
  });
  return [...patients, ...encounters, ...observations];
}

let server: TestFhirServer;
beforeAll(async () => {
  server = await startTestFhirServer({ seed: practiceSeed });
}, 60_000);
afterAll(async () => {
  await server.stop();
});

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  console.log(`${label}: ${Math.round(performance.now() - started)} ms`);
  return result;
}

const token = 'clinician';

describe('a practice-sized store', () => {
  it("finds one patient's observations among 10,000", async () => {
    const expected = Array.from({ length: 10_000 }, (_, index) => index).filter(
      (index) => index >= 5000 && 1 + (index % 99) === 7,
    );
    const response = await timed('Observation?patient=Patient/p-7&_count=50', () =>
      server.json<Bundle>('Observation?patient=Patient/p-7&_count=50', { token }),
    );
    expect(response.body.total).toBe(expected.length);
    expect(response.body.entry?.map((entry) => entry.resource?.id)).toEqual(
      expected.slice(0, 50).map((index) => `o-${index}`),
    );
  });

  it('sorts 10,000 observations by date', async () => {
    const response = await timed('Observation?_sort=-date&_count=3', () =>
      server.json<Bundle>('Observation?_sort=-date&_count=3', { token }),
    );
    expect(response.body.total).toBe(10_000);
    expect(response.body.entry?.map((entry) => entry.resource?.id)).toEqual(['o-9999', 'o-9998', 'o-9997']);
  });

  it('includes the 5,000 observations of 500 encounters', async () => {
    const response = await timed(
      'Encounter?patient=Patient/p-0&_count=500&_revinclude=Observation:encounter',
      () =>
        server.json<Bundle>('Encounter?patient=Patient/p-0&_count=500&_revinclude=Observation:encounter', {
          token,
        }),
    );
    const entries = response.body.entry ?? [];
    expect(entries.filter((entry) => entry.search?.mode === 'match')).toHaveLength(500);
    const included = entries.filter((entry) => entry.search?.mode === 'include');
    expect(included).toHaveLength(5000);
    expect(new Set(included.map((entry) => entry.resource?.id)).size).toBe(5000);
  });
});
