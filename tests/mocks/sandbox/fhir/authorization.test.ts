import type { Bundle, OperationOutcome } from 'fhir/r4';
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

describe('bearer tokens', () => {
  it('answers 401 with an invalid_token challenge when no token is sent', async () => {
    const response = await server.json<OperationOutcome>('Patient/amy-shaw');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer .*error="invalid_token"/);
    expect(response.body.issue[0]?.code).toBe('login');
  });

  it('answers 401 to a token it did not issue', async () => {
    const response = await server.json<OperationOutcome>('Patient/amy-shaw', { token: 'forged' });
    expect(response.status).toBe(401);
    expect(response.body.resourceType).toBe('OperationOutcome');
  });

  it('answers 401 with an expired issue to an expired token', async () => {
    const response = await server.json<OperationOutcome>('Observation', { token: 'expired' });
    expect(response.status).toBe(401);
    expect(response.body.issue[0]?.code).toBe('expired');
  });

  it('serves /metadata without a token', async () => {
    const response = await server.json('metadata');
    expect(response.status).toBe(200);
  });
});

describe('SMART scopes', () => {
  it('refuses a read of a type no scope covers with 403', async () => {
    const response = await server.json<OperationOutcome>('Patient/amy-shaw', {
      token: 'amy-observations-only',
    });
    expect(response.status).toBe(403);
    expect(response.body.issue[0]?.code).toBe('forbidden');
  });

  it('refuses a create with read-only scopes', async () => {
    const response = await server.json('Observation', {
      token: 'amy-reader',
      method: 'POST',
      body: observation('ignored', 'amy-shaw', '2025-04-01T00:00:00Z'),
    });
    expect(response.status).toBe(403);
  });

  it('refuses a read of another patient under patient/ scopes', async () => {
    expect((await server.json('Observation/obs-ben-mood', { token: 'amy-reader' })).status).toBe(403);
    expect((await server.json('Patient/ben-ortiz', { token: 'amy-reader' })).status).toBe(403);
    expect((await server.json('Observation/obs-amy-mood', { token: 'amy-reader' })).status).toBe(200);
  });

  it('refuses a search naming another patient under patient/ scopes', async () => {
    expect((await server.json('Observation?patient=ben-ortiz', { token: 'amy-reader' })).status).toBe(403);
    expect((await server.json('Observation?subject=Patient/ben-ortiz', { token: 'amy-reader' })).status).toBe(
      403,
    );
  });

  it('limits an open search to the launch patient before counting', async () => {
    const response = await server.json<Bundle>('Observation?_count=1', { token: 'amy-reader' });
    expect(response.status).toBe(200);
    expect(response.body.total).toBe(2);
    const next = response.body.link?.find((link) => link.relation === 'next')?.url ?? '';
    const second = await server.json<Bundle>(next, { token: 'amy-reader' });
    const ids = [response.body, second.body].flatMap((bundle) =>
      bundle.entry?.map((entry) => entry.resource?.id),
    );
    expect(ids.sort()).toEqual(['obs-amy-mood', 'obs-amy-sleep']);
  });

  it('lets the whole practice be searched under user/ scopes', async () => {
    const response = await server.json<Bundle>('Observation', { token: 'clinician' });
    expect(response.body.total).toBe(3);
  });

  it('reads practitioners, who belong to no compartment, under patient/ scopes', async () => {
    expect((await server.json('Practitioner/pr-rivera', { token: 'amy-reader' })).status).toBe(200);
    expect((await server.json('Practitioner/pr-rivera', { token: 'amy-observations-only' })).status).toBe(
      403,
    );
  });

  it("refuses to write into another patient's record under patient/ scopes", async () => {
    const response = await server.json('Observation', {
      token: 'amy-writer',
      method: 'POST',
      body: observation('ignored', 'ben-ortiz', '2025-04-01T00:00:00Z'),
    });
    expect(response.status).toBe(403);
    const mine = await server.json('Observation', {
      token: 'amy-writer',
      method: 'POST',
      body: observation('ignored', 'amy-shaw', '2025-04-01T00:00:00Z'),
    });
    expect(mine.status).toBe(201);
  });

  it('refuses a write whose subject is another patient under patient/ scopes, even when it names the launch patient elsewhere', async () => {
    const aboutBen = {
      ...observation('ignored', 'ben-ortiz', '2025-04-01T00:00:00Z'),
      performer: [{ reference: 'Patient/amy-shaw' }],
    };
    const created = await server.json('Observation', { token: 'amy-writer', method: 'POST', body: aboutBen });
    expect(created.status).toBe(403);
    const moved = await server.json('Observation/obs-amy-mood', {
      token: 'amy-writer',
      method: 'PUT',
      body: {
        ...observation('obs-amy-mood', 'ben-ortiz', '2025-03-01T10:00:00Z'),
        performer: aboutBen.performer,
      },
    });
    expect(moved.status).toBe(403);
    const inTransaction = await server.json('', {
      token: 'amy-writer',
      method: 'POST',
      body: {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [{ request: { method: 'POST', url: 'Observation' }, resource: aboutBen }],
      },
    });
    expect(inTransaction.status).toBe(403);
    const inBatch = await server.json<Bundle>('', {
      token: 'amy-writer',
      method: 'POST',
      body: {
        resourceType: 'Bundle',
        type: 'batch',
        entry: [{ request: { method: 'POST', url: 'Observation' }, resource: aboutBen }],
      },
    });
    expect(inBatch.body.entry?.[0]?.response?.status).toBe('403 Forbidden');
    const after = await server.json<Bundle>('Observation?subject=Patient/ben-ortiz', { token: 'clinician' });
    expect(after.body.total).toBe(1);
  });

  it('leaves out included resources the token may not read', async () => {
    const response = await server.json<Bundle>(
      'Observation?patient=amy-shaw&_include=Observation:patient&_include=Observation:encounter',
      { token: 'amy-observations-only' },
    );
    expect(response.body.entry?.map((entry) => entry.resource?.resourceType)).toEqual([
      'Observation',
      'Observation',
    ]);
  });

  it('answers 403 per entry in a batch', async () => {
    const response = await server.json<Bundle>('', {
      token: 'amy-reader',
      method: 'POST',
      body: {
        resourceType: 'Bundle',
        type: 'batch',
        entry: [
          { request: { method: 'GET', url: 'Patient/amy-shaw' } },
          { request: { method: 'GET', url: 'Patient/ben-ortiz' } },
        ],
      },
    });
    expect(response.status).toBe(200);
    expect(response.body.entry?.map((entry) => entry.response?.status)).toEqual(['200 OK', '403 Forbidden']);
  });

  it('fails a transaction with one forbidden entry before writing anything', async () => {
    const response = await server.json<OperationOutcome>('', {
      token: 'amy-writer',
      method: 'POST',
      body: {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          {
            request: { method: 'POST', url: 'Observation' },
            resource: observation('a', 'amy-shaw', '2025-05-01'),
          },
          {
            request: { method: 'POST', url: 'Observation' },
            resource: observation('b', 'ben-ortiz', '2025-05-01'),
          },
        ],
      },
    });
    expect(response.status).toBe(403);
    const after = await server.json<Bundle>('Observation', { token: 'clinician' });
    expect(after.body.total).toBe(3);
  });
});
