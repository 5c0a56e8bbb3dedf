import type { Bundle, CapabilityStatement, Observation, OperationOutcome } from 'fhir/r4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPersonality } from '../../../../mocks/sandbox/personalities';
import type { TestFhirServer } from '../fhir/fhir-test-server';
import { observation, startTestFhirServer } from '../fhir/fhir-test-server';
import { clinicalNote, vitalSign } from './personality-fixtures';

let server: TestFhirServer;
beforeAll(async () => {
  server = await startTestFhirServer({ personality: getPersonality('epic') });
});
afterAll(async () => {
  await server.stop();
});

const token = 'rivera';

function create(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const type = (body as { resourceType: string }).resourceType;
  return server.request(type, { token, method: 'POST', body, headers });
}

describe('the epic personality', () => {
  it('serves the published statement: no batch or transaction, Encounter read and search only', async () => {
    const { body } = await server.json<CapabilityStatement>('metadata');
    const rest = body.rest?.[0];
    expect(rest?.interaction).toBeUndefined();
    const encounter = rest?.resource?.find((r) => r.type === 'Encounter');
    expect(encounter?.interaction?.map((i) => i.code)).toEqual(['read', 'search-type']);
    expect(rest?.resource?.some((r) => r.type === 'PractitionerRole')).toBe(true);
    expect(body.implementation?.url).toBe(server.baseUrl);
  });

  it('lists only search parameters the sandbox can match', async () => {
    const { body } = await server.json<CapabilityStatement>('metadata');
    const encounter = body.rest?.[0]?.resource?.find((r) => r.type === 'Encounter');
    const names = encounter?.searchParam?.map((p) => p.name) ?? [];
    expect(names).toContain('patient');
    expect(names).not.toContain('onlyscannable');
  });

  it('refuses a Bundle posted to the base with 405', async () => {
    const response = await server.json<OperationOutcome>('', {
      token,
      method: 'POST',
      body: { resourceType: 'Bundle', type: 'batch', entry: [] },
    });
    expect(response.status).toBe(405);
    expect(response.body.resourceType).toBe('OperationOutcome');
  });

  it('refuses to create an Encounter with 405', async () => {
    const response = await server.request('Encounter', {
      token,
      method: 'POST',
      body: { resourceType: 'Encounter', status: 'finished', class: { code: 'AMB' } },
    });
    expect(response.status).toBe(405);
  });

  it('refuses to create Goal, Task and Provenance with 405', async () => {
    for (const resourceType of ['Goal', 'Task', 'Provenance']) {
      const response = await server.request(resourceType, { token, method: 'POST', body: { resourceType } });
      expect(response.status, resourceType).toBe(405);
    }
  });

  it('refuses an Observation that is not a vital sign with 422', async () => {
    expect((await create(observation('x', 'amy-shaw', '2025-04-01T09:00:00Z'))).status).toBe(422);
  });

  it('creates a vital sign with 201, an empty body, Location and ETag', async () => {
    const response = await server.request('Observation', {
      token,
      method: 'POST',
      body: vitalSign('amy-shaw'),
      headers: { Prefer: 'return=representation' },
    });
    expect(response.status).toBe(201);
    expect(await response.text()).toBe('');
    const location = response.headers.get('location') ?? '';
    const version = /\/Observation\/[^/]+\/_history\/([^/]+)$/.exec(location)?.[1];
    expect(response.headers.get('etag')).toBe(`W/"${version ?? 'no version in Location'}"`);
  });

  it('ignores If-None-Exist: a repeated conditional create makes a second resource', async () => {
    const headers = { 'If-None-Exist': 'identifier=urn:test:vitals|v-1' };
    const body: Observation = {
      ...vitalSign('amy-shaw'),
      identifier: [{ system: 'urn:test:vitals', value: 'v-1' }],
    };
    const first = await server.request('Observation', { token, method: 'POST', body, headers });
    const second = await server.request('Observation', { token, method: 'POST', body, headers });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.headers.get('location')).not.toBe(first.headers.get('location'));
  });

  it('creates a clinical note as a DocumentReference', async () => {
    expect((await create(clinicalNote('amy-shaw', 'pr-rivera', 'final'))).status).toBe(201);
  });

  it('refuses a note with two attachments with 422', async () => {
    const note = clinicalNote('amy-shaw', 'pr-rivera', 'final');
    expect((await create({ ...note, content: [...note.content, ...note.content] })).status).toBe(422);
  });

  it('updates a preliminary note but refuses to change a final one with 422', async () => {
    const ids: string[] = [];
    for (const docStatus of ['preliminary', 'final'] as const) {
      const created = await server.request('DocumentReference', {
        token,
        method: 'POST',
        body: clinicalNote('amy-shaw', 'pr-rivera', docStatus),
      });
      ids.push(/DocumentReference\/([^/]+)/.exec(created.headers.get('location') ?? '')?.[1] ?? '');
    }
    const [draft, signed] = ids;
    const update = (id: string | undefined) =>
      server.request(`DocumentReference/${id ?? ''}`, {
        token,
        method: 'PUT',
        body: { ...clinicalNote('amy-shaw', 'pr-rivera', 'final'), id },
      });
    expect((await update(draft)).status).toBe(200);
    expect((await update(signed)).status).toBe(422);
  });

  it('refuses an unlisted search parameter with 400 and Epic\u2019s invalid-parameter code', async () => {
    const response = await server.json<OperationOutcome>(
      'Observation?patient=Patient/amy-shaw&encounter=Encounter/enc-amy-1',
      { token },
    );
    expect(response.status).toBe(400);
    const coding = response.body.issue[0]?.details?.coding?.[0];
    expect(coding?.system).toBe('urn:oid:1.2.840.114350.1.13.0.1.7.2.657369');
    expect(coding?.code).toBe('4100');
  });

  it('refuses _revinclude, which it does not list, with 400', async () => {
    const response = await server.request(
      'Encounter?patient=Patient/amy-shaw&_revinclude=Observation:encounter',
      { token },
    );
    expect(response.status).toBe(400);
  });

  it('answers a listed search', async () => {
    const response = await server.json<Bundle>('Observation?patient=Patient/amy-shaw&category=vital-signs', {
      token,
    });
    expect(response.status).toBe(200);
  });

  it('reads PractitionerRole', async () => {
    const response = await server.request('PractitionerRole/role-rivera', { token });
    expect(response.status).toBe(200);
  });

  it('refuses a QuestionnaireResponse to an app’s own Questionnaire with 422, although create is listed', async () => {
    const response = await server.request('QuestionnaireResponse', {
      token,
      method: 'POST',
      body: {
        resourceType: 'QuestionnaireResponse',
        status: 'completed',
        questionnaire: 'https://peerbridge.example.org/fhir/Questionnaire/phq-9|0.1.0',
      },
    });
    expect(response.status).toBe(422);
  });

  it('refuses a Communication, which it takes only as community referrals, with 422', async () => {
    const response = await server.request('Communication', {
      token,
      method: 'POST',
      body: { resourceType: 'Communication', status: 'completed' },
    });
    expect(response.status).toBe(422);
  });
});
