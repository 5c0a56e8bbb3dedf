import type { CapabilityStatement, DocumentReference, Encounter, Observation } from 'fhir/r4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPersonality } from '../../../../mocks/sandbox/personalities';
import type { TestFhirServer } from '../fhir/fhir-test-server';
import { startTestFhirServer } from '../fhir/fhir-test-server';
import { clinicalNote, notification, oracleEncounter, provenanceOf, vitalSign } from './personality-fixtures';

let server: TestFhirServer;
beforeAll(async () => {
  server = await startTestFhirServer({ personality: getPersonality('oracle') });
});
afterAll(async () => {
  await server.stop();
});

const token = 'rivera';

async function create(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const type = (body as { resourceType: string }).resourceType;
  return server.request(type, { token, method: 'POST', body, headers });
}

function idFrom(response: Response): string {
  return response.headers.get('location')?.split('/').pop() ?? '';
}

describe('the oracle personality', () => {
  it('has no PractitionerRole: 404, and absent from /metadata', async () => {
    const response = await server.request('PractitionerRole/role-rivera', { token });
    expect(response.status).toBe(404);
    const { body } = await server.json<CapabilityStatement>('metadata');
    expect(body.rest?.[0]?.resource?.some((r) => r.type === 'PractitionerRole')).toBe(false);
  });

  it('lists patch only where it implements it (Encounter) and no batch or transaction', async () => {
    const { body } = await server.json<CapabilityStatement>('metadata');
    const rest = body.rest?.[0];
    const patched = rest?.resource?.filter((r) => r.interaction?.some((i) => i.code === 'patch'));
    expect(patched?.map((r) => r.type)).toEqual(['Encounter']);
    expect(rest?.interaction).toBeUndefined();
  });

  it('refuses a Bundle posted to the base with 405', async () => {
    const response = await server.request('', {
      token,
      method: 'POST',
      body: { resourceType: 'Bundle', type: 'transaction', entry: [] },
    });
    expect(response.status).toBe(405);
  });

  it('creates with 201, an empty body, an unversioned Location and an ETag, whatever Prefer asks', async () => {
    const response = await create(oracleEncounter('amy-shaw', 'pr-rivera'), {
      Prefer: 'return=representation',
    });
    expect(response.status).toBe(201);
    expect(await response.text()).toBe('');
    expect(response.headers.get('location')).toMatch(new RegExp(`^${server.baseUrl}/Encounter/[^/]+$`));
    expect(response.headers.get('etag')).toMatch(/^W\/"[^"]+"$/);
  });

  it('infers Encounter.class on create', async () => {
    const created = await create(oracleEncounter('amy-shaw', 'pr-rivera'));
    const { body } = await server.json<Encounter>(`Encounter/${idFrom(created)}`, { token });
    expect(body.class.code).toBe('AMB');
  });

  it('refuses an Encounter that sends class with 422', async () => {
    const response = await create({ ...oracleEncounter('amy-shaw', 'pr-rivera'), class: { code: 'AMB' } });
    expect(response.status).toBe(422);
  });

  it('refuses an Encounter with an unsupported field with 422 business-rule', async () => {
    const response = await server.json<{ issue: { code: string }[] }>('Encounter', {
      token,
      method: 'POST',
      body: { ...oracleEncounter('amy-shaw', 'pr-rivera'), serviceType: { text: 'Peer support' } },
    });
    expect(response.status).toBe(422);
    expect(response.body.issue[0]?.code).toBe('business-rule');
  });

  it('refuses an Encounter with neither location nor serviceProvider with 422', async () => {
    const encounter = oracleEncounter('amy-shaw', 'pr-rivera');
    delete encounter.serviceProvider;
    expect((await create(encounter)).status).toBe(422);
  });

  it('refuses an Encounter period without a time with 422', async () => {
    const encounter = { ...oracleEncounter('amy-shaw', 'pr-rivera'), period: { start: '2025-04-01' } };
    expect((await create(encounter)).status).toBe(422);
  });

  it('refuses to create a QuestionnaireResponse with 405: only read, search and update are listed', async () => {
    const response = await server.request('QuestionnaireResponse', {
      token,
      method: 'POST',
      body: {
        resourceType: 'QuestionnaireResponse',
        status: 'completed',
        questionnaire: 'https://peerbridge.example.org/fhir/Questionnaire/phq-9|0.1.0',
      },
    });
    expect(response.status).toBe(405);
  });

  it('refuses to PUT an Encounter with 405', async () => {
    const created = await create(oracleEncounter('amy-shaw', 'pr-rivera'));
    const id = idFrom(created);
    const response = await server.request(`Encounter/${id}`, {
      token,
      method: 'PUT',
      body: { ...oracleEncounter('amy-shaw', 'pr-rivera'), id },
    });
    expect(response.status).toBe(405);
  });

  it('patches Encounter.period.end with JSON Patch and answers 200 with an empty body', async () => {
    const created = await create(oracleEncounter('amy-shaw', 'pr-rivera'));
    const id = idFrom(created);
    const response = await server.request(`Encounter/${id}`, {
      token,
      method: 'PATCH',
      headers: {
        'Content-Type': 'application/json-patch+json',
        'If-Match': created.headers.get('etag') ?? '',
      },
      body: [{ op: 'replace', path: '/period/end', value: '2025-04-01T10:00:00Z' }],
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    const { body } = await server.json<Encounter>(`Encounter/${id}`, { token });
    expect(body.period?.end).toBe('2025-04-01T10:00:00Z');
  });

  it('refuses a patch of a path it does not list with 422', async () => {
    const created = await create(oracleEncounter('amy-shaw', 'pr-rivera'));
    const response = await server.request(`Encounter/${idFrom(created)}`, {
      token,
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json-patch+json' },
      body: [{ op: 'replace', path: '/status', value: 'finished' }],
    });
    expect(response.status).toBe(422);
  });

  it('answers a patch with a stale If-Match with 409', async () => {
    const created = await create(oracleEncounter('amy-shaw', 'pr-rivera'));
    const response = await server.request(`Encounter/${idFrom(created)}`, {
      token,
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json-patch+json', 'If-Match': 'W/"stale"' },
      body: [{ op: 'replace', path: '/period/end', value: '2025-04-01T10:00:00Z' }],
    });
    expect(response.status).toBe(409);
  });

  it('creates vital-signs and laboratory Observations only, with one category', async () => {
    const laboratory = vitalSign('amy-shaw');
    laboratory.category = [
      {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' },
        ],
      },
    ];
    const survey: Observation = {
      ...vitalSign('amy-shaw'),
      category: [
        {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey' }],
        },
      ],
    };
    const two: Observation = {
      ...vitalSign('amy-shaw'),
      category: [...(vitalSign('a').category ?? []), ...(laboratory.category ?? [])],
    };
    expect((await create(vitalSign('amy-shaw'))).status).toBe(201);
    expect((await create(laboratory)).status).toBe(201);
    expect((await create(survey)).status).toBe(422);
    expect((await create(two)).status).toBe(422);
  });

  it('refuses an Observation with status preliminary or a performer that is not a Practitioner with 422', async () => {
    expect((await create({ ...vitalSign('amy-shaw'), status: 'preliminary' })).status).toBe(422);
    expect(
      (await create({ ...vitalSign('amy-shaw'), performer: [{ reference: 'Patient/amy-shaw' }] })).status,
    ).toBe(422);
  });

  it('drops unsupported Observation fields instead of refusing them', async () => {
    const created = await create({
      ...vitalSign('amy-shaw'),
      identifier: [{ system: 'urn:test', value: 'o-1' }],
    });
    expect(created.status).toBe(201);
    const { body } = await server.json<Observation>(`Observation/${idFrom(created)}`, { token });
    expect(body.identifier).toBeUndefined();
  });

  it('creates a final note by the signed-in practitioner and drops its category', async () => {
    const note: DocumentReference = {
      ...clinicalNote('amy-shaw', 'pr-rivera', 'final'),
      category: [{ text: 'Clinical Note' }],
    };
    const created = await create(note);
    expect(created.status).toBe(201);
    const { body } = await server.json<DocumentReference>(`DocumentReference/${idFrom(created)}`, { token });
    expect(body.category).toBeUndefined();
  });

  it('refuses a note by another author, a preliminary note and a note without a period end with 422', async () => {
    expect((await create(clinicalNote('amy-shaw', 'pr-someone-else', 'final'))).status).toBe(422);
    expect((await create(clinicalNote('amy-shaw', 'pr-rivera', 'preliminary'))).status).toBe(422);
    expect((await create({ ...clinicalNote('amy-shaw', 'pr-rivera', 'final'), context: {} })).status).toBe(
      422,
    );
  });

  it('refuses a note whose text attachment names no character set with 422', async () => {
    const note = clinicalNote('amy-shaw', 'pr-rivera', 'final');
    const [content] = note.content;
    const plain = {
      ...note,
      content: [{ attachment: { ...content?.attachment, contentType: 'text/plain' } }],
    };
    expect((await create(plain)).status).toBe(422);
  });

  it('marks a note entered-in-error with PUT', async () => {
    const created = await create(clinicalNote('amy-shaw', 'pr-rivera', 'final'));
    const id = idFrom(created);
    const response = await server.request(`DocumentReference/${id}`, {
      token,
      method: 'PUT',
      body: { ...clinicalNote('amy-shaw', 'pr-rivera', 'final'), id, status: 'entered-in-error' },
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('creates a Communication to a Practitioner and refuses one to a Patient with 422', async () => {
    expect((await create(notification('amy-shaw', 'pr-rivera', 'pr-rivera'))).status).toBe(201);
    const toPatient = {
      ...notification('amy-shaw', 'pr-rivera', 'x'),
      recipient: [{ reference: 'Patient/amy-shaw' }],
    };
    expect((await create(toPatient)).status).toBe(422);
  });

  it('creates a Provenance with one target and refuses one with two with 422', async () => {
    expect((await create(provenanceOf(['Encounter/enc-amy-1'], 'pr-rivera'))).status).toBe(201);
    const two = provenanceOf(['Encounter/enc-amy-1', 'Observation/obs-amy-mood'], 'pr-rivera');
    expect((await create(two)).status).toBe(422);
  });

  it('ignores If-None-Exist: a repeated conditional create makes a second resource', async () => {
    const headers = { 'If-None-Exist': 'identifier=urn:test:enc|e-1' };
    const encounter = {
      ...oracleEncounter('amy-shaw', 'pr-rivera'),
      identifier: [{ system: 'urn:test:enc', value: 'e-1' }],
    };
    const first = await create(encounter, headers);
    const second = await create(encounter, headers);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(idFrom(second)).not.toBe(idFrom(first));
  });

  it('refuses an unlisted search parameter with 400', async () => {
    expect((await server.request('Observation?encounter=Encounter/enc-amy-1', { token })).status).toBe(400);
  });

  it('accepts _revinclude=Provenance:target where listed and refuses it where not with 400', async () => {
    const listed = await server.request('Encounter?patient=Patient/amy-shaw&_revinclude=Provenance:target', {
      token,
    });
    const unlisted = await server.request('Practitioner?_id=pr-rivera&_revinclude=Provenance:target', {
      token,
    });
    expect([listed.status, unlisted.status]).toEqual([200, 400]);
  });
});
