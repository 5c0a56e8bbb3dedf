import type { Bundle, Encounter, FhirResource } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { MemoryFhirServer } from '../../../mocks/fake-fhir-server/memory-fhir-server';

const BASE = 'https://demo.test/ehr/fhir';

function serverWith(seed: FhirResource[]): MemoryFhirServer {
  let next = 0;
  return new MemoryFhirServer({
    base: BASE,
    seed,
    newId: () => `new-${++next}`,
    now: () => '2026-01-01T00:00:00Z',
  });
}

const maria: FhirResource = { resourceType: 'Patient', id: 'pt-maria' };
const visit: Encounter = {
  resourceType: 'Encounter',
  id: 'enc-1',
  status: 'finished',
  class: { code: 'AMB' },
  subject: { reference: 'Patient/pt-maria' },
  period: { start: '2025-05-01T10:00:00Z' },
  participant: [{ individual: { reference: 'PractitionerRole/role-1' } }],
};
const role: FhirResource = { resourceType: 'PractitionerRole', id: 'role-1' };

function transaction(): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      {
        fullUrl: 'urn:uuid:a',
        resource: { ...visit, id: undefined, identifier: [{ system: 'urn:pb', value: 'note-1' }] },
        request: { method: 'POST', url: 'Encounter', ifNoneExist: 'identifier=urn:pb|note-1' },
      },
      {
        fullUrl: 'urn:uuid:b',
        resource: {
          resourceType: 'Provenance',
          target: [{ reference: 'urn:uuid:a' }],
          recorded: '2026-01-01T00:00:00Z',
          agent: [],
        },
        request: { method: 'POST', url: 'Provenance' },
      },
    ],
  };
}

describe('MemoryFhirServer', () => {
  it('finds a patient’s encounters with the roles they include', () => {
    const server = serverWith([maria, visit, role]);

    const reply = server.handle({
      method: 'GET',
      path: 'Encounter?patient=Patient/pt-maria&_sort=-date&_include=Encounter:participant:PractitionerRole',
    });
    const bundle = reply.body as Bundle;

    expect(bundle.entry?.map((e) => [e.resource?.id, e.search?.mode])).toEqual([
      ['enc-1', 'match'],
      ['role-1', 'include'],
    ]);
  });

  it('searches dates with the ge, le, gt and lt prefixes the program report sends', () => {
    const server = serverWith([maria, visit]);
    const ids = (query: string) =>
      ((server.handle({ method: 'GET', path: `Encounter?${query}` }).body as Bundle).entry ?? []).map(
        (e) => e.resource?.id,
      );

    expect(ids('date=ge2025-05-01&date=le2025-05-01')).toEqual(['enc-1']);
    expect(ids('date=gt2025-05-01')).toEqual([]);
    expect(ids('date=lt2025-06-01')).toEqual(['enc-1']);
    expect(ids('date=2025-05')).toEqual(['enc-1']);
  });

  it('writes a transaction once, however often it is sent, and links its references', () => {
    const server = serverWith([maria]);

    server.handle({ method: 'POST', path: '', body: transaction() });
    const second = server.handle({ method: 'POST', path: '', body: transaction() }).body as Bundle;

    const encounters = (
      server.handle({ method: 'GET', path: 'Encounter?identifier=urn:pb|note-1' }).body as Bundle
    ).entry;
    expect(encounters).toHaveLength(1);
    expect(second.entry?.[0]?.response?.status).toBe('200 OK');
    const provenance = server.writtenResources().find((r) => r.resourceType === 'Provenance');
    expect(provenance && 'target' in provenance ? provenance.target[0]?.reference : '').toBe(
      `Encounter/${encounters?.[0]?.resource?.id ?? ''}`,
    );
  });

  it('refuses an update whose If-Match names an old version', () => {
    const server = serverWith([{ ...visit, meta: { versionId: '2' } }]);

    const reply = server.handle({ method: 'PUT', path: 'Encounter/enc-1', body: visit, ifMatch: 'W/"1"' });

    expect(reply.status).toBe(412);
  });

  it('says so when asked for a search it does not support, instead of ignoring it', () => {
    const server = serverWith([maria]);

    const reply = server.handle({ method: 'GET', path: 'Patient?name=maria' });

    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body)).toContain('does not support searching Patient by name');
  });
});
