import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bundle, Patient } from 'fhir/r4';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestFhirServer } from './fhir-test-server';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'peerbridge-fhir-persist-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const token = 'clinician';

describe('persistence', () => {
  it('writes the seed to the data file when there is none', async () => {
    const server = await startTestFhirServer({ dataDir });
    const stored = JSON.parse(await readFile(server.dataFile, 'utf8')) as Bundle;
    expect(stored.entry?.map((entry) => entry.resource?.id)).toContain('amy-shaw');
    await server.stop();
  });

  it('keeps writes, ids and versions across a restart', async () => {
    const first = await startTestFhirServer({ dataDir });
    const created = await first.json<Patient>('Patient', {
      token,
      method: 'POST',
      body: { resourceType: 'Patient', name: [{ family: 'Nguyen', given: ['Carla'] }] },
    });
    await first.stop(false);

    const second = await startTestFhirServer({ dataDir });
    const read = await second.json<Patient>(`Patient/${created.body.id ?? ''}`, { token });
    expect(read.status).toBe(200);
    expect(read.body.meta).toEqual(created.body.meta);
    expect(read.headers.get('etag')).toBe(created.headers.get('etag'));
    await second.stop();
  });

  it('restores the seed on reset and persists it', async () => {
    const server = await startTestFhirServer({ dataDir });
    await server.request('Patient/ben-ortiz', { token, method: 'DELETE' });
    await server.json('Patient', { token, method: 'POST', body: { resourceType: 'Patient' } });
    await server.fhir.reset();
    const patients = await server.json<Bundle>('Patient', { token });
    expect(patients.body.entry?.map((entry) => entry.resource?.id).sort()).toEqual(['amy-shaw', 'ben-ortiz']);
    const stored = JSON.parse(await readFile(server.dataFile, 'utf8')) as Bundle;
    expect(stored.entry?.filter((entry) => entry.resource?.resourceType === 'Patient')).toHaveLength(2);
    await server.stop();
  });
});
