import type { Bundle, Patient } from 'fhir/r4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSeed } from '../../../../mocks/fixtures/seed';
import { getPersonality, PERSONALITY_NAMES } from '../../../../mocks/sandbox/personalities';
import type { TestFhirServer } from '../fhir/fhir-test-server';
import { startTestFhirServer } from '../fhir/fhir-test-server';

const seed = buildSeed(new Date('2026-03-02T12:00:00Z'));
const patientId = seed.find((resource): resource is Patient => resource.resourceType === 'Patient')?.id ?? '';

describe.each(PERSONALITY_NAMES)('the seed under --ehr %s', (name) => {
  let server: TestFhirServer;
  beforeAll(async () => {
    server = await startTestFhirServer({ seed: () => seed, personality: getPersonality(name) });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('loads, and its patients, encounters and conditions are readable', async () => {
    const read = await server.request(`Patient/${patientId}`, { token: 'clinician' });
    const encounters = await server.json<Bundle>(`Encounter?patient=Patient/${patientId}`, {
      token: 'clinician',
    });
    const conditions = await server.json<Bundle>(`Condition?patient=Patient/${patientId}`, {
      token: 'clinician',
    });
    expect([read.status, encounters.status, conditions.status]).toEqual([200, 200, 200]);
    expect(encounters.body.entry?.length).toBeGreaterThan(0);
    expect(conditions.body.entry?.length).toBeGreaterThan(0);
  });
});
