import { randomUUID } from 'node:crypto';
import type { Bundle, BundleEntry, Observation, OperationOutcome, Patient } from 'fhir/r4';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestFhirServer } from './fhir-test-server';
import { startTestFhirServer } from './fhir-test-server';

let server: TestFhirServer;
beforeEach(async () => {
  server = await startTestFhirServer();
});
afterEach(async () => {
  await server.stop();
});

const token = 'clinician';

/** A peer-support intake: a new patient found by MRN, and 39 check-ins that point at it by urn:uuid. */
function intakeTransaction(): Bundle {
  const patientUrn = `urn:uuid:${randomUUID()}`;
  const patient: BundleEntry = {
    fullUrl: patientUrn,
    resource: { resourceType: 'Patient', identifier: [{ system: 'urn:test:mrn', value: 'CARLA-9' }] },
    request: { method: 'POST', url: 'Patient', ifNoneExist: 'identifier=urn:test:mrn|CARLA-9' },
  };
  const checkIns = Array.from({ length: 39 }, (_, index): BundleEntry => {
    const checkIn: Observation = {
      resourceType: 'Observation',
      status: 'final',
      identifier: [{ system: 'urn:test:checkin', value: `CARLA-9-${index}` }],
      code: { text: 'Peer check-in' },
      subject: { reference: patientUrn },
    };
    return {
      fullUrl: `urn:uuid:${randomUUID()}`,
      resource: checkIn,
      request: {
        method: 'POST',
        url: 'Observation',
        ifNoneExist: `identifier=urn:test:checkin|CARLA-9-${index}`,
      },
    };
  });
  return { resourceType: 'Bundle', type: 'transaction', entry: [patient, ...checkIns] };
}

describe('transactions', () => {
  it('creates 40 conditional entries and rewrites urn:uuid references to the new ids', async () => {
    const response = await server.json<Bundle>('', { token, method: 'POST', body: intakeTransaction() });
    expect(response.status).toBe(200);
    expect(response.body.type).toBe('transaction-response');
    expect(response.body.entry).toHaveLength(40);
    expect(response.body.entry?.every((entry) => entry.response?.status === '201 Created')).toBe(true);
    const patientId = (response.body.entry?.[0]?.resource as Patient).id ?? '';
    const checkIns = await server.json<Bundle>(`Observation?subject=Patient/${patientId}&_count=0`, {
      token,
    });
    expect(checkIns.body.total).toBe(39);
  });

  it('creates no duplicates when the same transaction is posted again', async () => {
    const first = await server.json<Bundle>('', { token, method: 'POST', body: intakeTransaction() });
    const second = await server.json<Bundle>('', { token, method: 'POST', body: intakeTransaction() });
    expect(second.status).toBe(200);
    expect(second.body.entry?.every((entry) => entry.response?.status === '200 OK')).toBe(true);
    const firstIds = first.body.entry?.map((entry) => entry.resource?.id);
    expect(second.body.entry?.map((entry) => entry.resource?.id)).toEqual(firstIds);
    expect((await server.json<Bundle>('Patient?identifier=urn:test:mrn|CARLA-9', { token })).body.total).toBe(
      1,
    );
    expect(
      (await server.json<Bundle>('Observation?identifier=urn:test:checkin|&_count=0', { token })).body.total,
    ).toBe(39);
  });

  it('refuses with 400 a transaction that repeats a conditional create, and writes nothing', async () => {
    const intake = intakeTransaction();
    const [patient] = intake.entry ?? [];
    const bundle: Bundle = {
      ...intake,
      entry: [...(intake.entry ?? []), { ...patient, fullUrl: `urn:uuid:${randomUUID()}` }],
    };
    const response = await server.json<OperationOutcome>('', { token, method: 'POST', body: bundle });
    expect(response.status).toBe(400);
    expect(response.body.resourceType).toBe('OperationOutcome');
    expect(response.body.issue[0]?.diagnostics).toMatch(/repeats the conditional create/);
    expect((await server.json<Bundle>('Patient?identifier=urn:test:mrn|CARLA-9', { token })).body.total).toBe(
      0,
    );
  });

  it('writes nothing when one entry fails', async () => {
    const amy = await server.json<Patient>('Patient/amy-shaw', { token });
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          resource: { resourceType: 'Patient', gender: 'female' },
          request: { method: 'POST', url: 'Patient' },
        },
        {
          resource: { ...amy.body, gender: 'female' },
          request: { method: 'PUT', url: 'Patient/amy-shaw', ifMatch: 'W/"stale"' },
        },
      ],
    };
    const response = await server.json('', { token, method: 'POST', body: bundle });
    expect(response.status).toBe(412);
    expect((await server.json<Bundle>('Patient?_count=0', { token })).body.total).toBe(2);
  });
});

describe('batches', () => {
  it('answers each entry on its own', async () => {
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'batch',
      entry: [
        { request: { method: 'GET', url: 'Patient/amy-shaw' } },
        { request: { method: 'GET', url: 'Patient/nobody' } },
        { request: { method: 'GET', url: 'Observation?patient=ben-ortiz' } },
        { resource: { resourceType: 'Patient' }, request: { method: 'POST', url: 'Patient' } },
      ],
    };
    const response = await server.json<Bundle>('', { token, method: 'POST', body: bundle });
    expect(response.body.type).toBe('batch-response');
    expect(response.body.entry?.map((entry) => entry.response?.status)).toEqual([
      '200 OK',
      '404 Not Found',
      '200 OK',
      '201 Created',
    ]);
    expect((response.body.entry?.[2]?.resource as Bundle).total).toBe(1);
  });
});
