import type { Bundle, CapabilityStatement, Observation, OperationOutcome, Patient } from 'fhir/r4';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestFhirServer } from './fhir-test-server';
import { observation, startTestFhirServer } from './fhir-test-server';

let server: TestFhirServer;
beforeEach(async () => {
  server = await startTestFhirServer();
});
afterEach(async () => {
  await server.stop();
});

const token = 'clinician';

describe('create, read, update, delete', () => {
  it('creates with 201, Location and a weak ETag of the version', async () => {
    const response = await server.json<Observation>('Observation', {
      token,
      method: 'POST',
      body: observation('client-id', 'amy-shaw', '2025-04-01T09:00:00Z'),
    });
    expect(response.status).toBe(201);
    const { id, meta } = response.body;
    expect(id).not.toBe('client-id');
    expect(response.headers.get('etag')).toBe(`W/"${meta?.versionId ?? ''}"`);
    expect(response.headers.get('location')).toBe(
      `${server.baseUrl}/Observation/${id ?? ''}/_history/${meta?.versionId ?? ''}`,
    );
  });

  it('answers an empty body to Prefer: return=minimal', async () => {
    const response = await server.request('Observation', {
      token,
      method: 'POST',
      body: observation('x', 'amy-shaw', '2025-04-01T09:00:00Z'),
      headers: { Prefer: 'return=minimal' },
    });
    expect(response.status).toBe(201);
    expect(await response.text()).toBe('');
    expect(response.headers.get('location')).toContain('/Observation/');
  });

  it('returns the existing resource with 200 to a repeated If-None-Exist create', async () => {
    const body: Patient = { resourceType: 'Patient', identifier: [{ system: 'urn:test:mrn', value: 'M-1' }] };
    const headers = { 'If-None-Exist': 'identifier=urn:test:mrn|M-1' };
    const first = await server.json<Patient>('Patient', { token, method: 'POST', body, headers });
    const second = await server.json<Patient>('Patient', { token, method: 'POST', body, headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
    const search = await server.json<Bundle>('Patient?identifier=urn:test:mrn|M-1', { token });
    expect(search.body.total).toBe(1);
  });

  it('updates with the current If-Match and refuses a stale one with 412', async () => {
    const current = await server.json<Patient>('Patient/amy-shaw', { token });
    const versionId = current.body.meta?.versionId ?? '';
    const updated = await server.json<Patient>('Patient/amy-shaw', {
      token,
      method: 'PUT',
      body: { ...current.body, gender: 'female' },
      headers: { 'If-Match': `W/"${versionId}"` },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.gender).toBe('female');
    const stale = await server.json<OperationOutcome>('Patient/amy-shaw', {
      token,
      method: 'PUT',
      body: { ...current.body, gender: 'other' },
      headers: { 'If-Match': `W/"${versionId}"` },
    });
    expect(stale.status).toBe(412);
    expect(stale.body.resourceType).toBe('OperationOutcome');
  });

  it('reads old versions and lists history newest first, the same way each time', async () => {
    const original = await server.json<Patient>('Patient/ben-ortiz', { token });
    await server.json('Patient/ben-ortiz', {
      token,
      method: 'PUT',
      body: { ...original.body, gender: 'male' },
    });
    const oldVersion = await server.json<Patient>(
      `Patient/ben-ortiz/_history/${original.body.meta?.versionId ?? ''}`,
      { token },
    );
    expect(oldVersion.body.gender).toBeUndefined();
    for (let read = 0; read < 2; read++) {
      const history = await server.json<Bundle>('Patient/ben-ortiz/_history', { token });
      expect(history.body.entry?.map((entry) => (entry.resource as Patient).gender)).toEqual([
        'male',
        undefined,
      ]);
    }
  });

  it('deletes with 204, after which a read is 404', async () => {
    expect((await server.request('Observation/obs-ben-mood', { token, method: 'DELETE' })).status).toBe(204);
    expect((await server.json('Observation/obs-ben-mood', { token })).status).toBe(404);
  });
});

describe('errors', () => {
  it('answers 400 to a body that is not JSON', async () => {
    const response = await server.json<OperationOutcome>('Patient', {
      token,
      method: 'POST',
      body: '{not json',
    });
    expect(response.status).toBe(400);
    expect(response.body.resourceType).toBe('OperationOutcome');
  });

  it('answers 404 to unknown resource types and ids', async () => {
    expect((await server.json('Spaceship/1', { token })).status).toBe(404);
    expect((await server.json('Patient/nobody', { token })).status).toBe(404);
  });

  it('keeps $graphql and other operations closed', async () => {
    const response = await server.json<OperationOutcome>('$graphql', {
      token,
      method: 'POST',
      body: { query: '{ PatientList { id } }' },
    });
    expect(response.status).toBe(404);
    expect(response.body.issue[0]?.code).toBe('not-supported');
  });

  it('answers 405 to a method the path does not support', async () => {
    expect((await server.json('Patient/amy-shaw', { token, method: 'POST', body: {} })).status).toBe(405);
  });

  it('accepts application/json as well as application/fhir+json', async () => {
    const response = await server.json('Patient', {
      token,
      method: 'POST',
      body: { resourceType: 'Patient' },
      headers: { 'Content-Type': 'application/json' },
    });
    expect(response.status).toBe(201);
  });
});

describe('/metadata', () => {
  it('describes an R4 server with SMART security and every interaction it supports', async () => {
    const { body } = await server.json<CapabilityStatement>('metadata');
    expect(body.fhirVersion).toBe('4.0.1');
    const rest = body.rest?.[0];
    expect(rest?.mode).toBe('server');
    expect(rest?.interaction?.map((interaction) => interaction.code).sort()).toEqual([
      'batch',
      'transaction',
    ]);
    expect(rest?.security?.service?.[0]?.coding?.[0]?.code).toBe('SMART-on-FHIR');
    const oauth = rest?.security?.extension?.find((extension) => extension.url.endsWith('/oauth-uris'));
    expect(oauth?.extension?.map((extension) => extension.url)).toEqual(['authorize', 'token']);
    const observationResource = rest?.resource?.find((resource) => resource.type === 'Observation');
    expect(observationResource?.interaction?.map((interaction) => interaction.code)).toContain('search-type');
    expect(observationResource?.searchParam?.map((param) => param.name)).toEqual(
      expect.arrayContaining([
        'patient',
        'subject',
        'code',
        'date',
        'status',
        'category',
        '_id',
        '_lastUpdated',
      ]),
    );
    expect(observationResource?.searchInclude).toContain('Observation:encounter');
    expect(rest?.resource?.find((resource) => resource.type === 'Encounter')?.searchRevInclude).toContain(
      'Observation:encounter',
    );
  });
});
