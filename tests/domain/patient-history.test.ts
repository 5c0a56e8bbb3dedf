import type { Bundle, PractitionerRole } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { buildLargeHistory } from '../../mocks/fixtures/large-history';
import { patientHistoryQuery, readHistoryPage, roleLabels } from '../../src/domain/patient-history';
import { ASSUMED_CAPABILITIES, type ServerCapabilities } from '../../src/domain/server-capabilities';

const TODAY = new Date('2026-11-20T12:00:00Z');

const OPEN_SERVER: ServerCapabilities = {
  known: true,
  transaction: true,
  batch: true,
  resources: {
    Encounter: {
      interactions: ['search-type'],
      conditionalCreate: true,
      searchParams: ['patient', 'date'],
      searchInclude: ['Encounter:participant'],
      searchRevInclude: ['Observation:encounter', 'Task:focus', 'Provenance:target'],
      supportedProfiles: [],
    },
  },
};

describe('patientHistoryQuery', () => {
  it('asks for a page of encounters with what belongs to them where the server lists the includes', () => {
    const query = patientHistoryQuery('pt-casey-morgan', OPEN_SERVER);
    expect(decodeURIComponent(query.path)).toBe(
      'Encounter?patient=Patient/pt-casey-morgan&_sort=-date&_count=50' +
        '&_revinclude=Observation:encounter&_revinclude=Task:focus&_revinclude=Provenance:target' +
        '&_include=Encounter:participant:PractitionerRole',
    );
    expect([...query.parts]).toEqual(['observations', 'tasks', 'provenances']);
  });

  it('sends no _revinclude a server does not list (the SMART reference launcher ignores them silently)', () => {
    const query = patientHistoryQuery('pt-casey-morgan', ASSUMED_CAPABILITIES);
    expect(query.path).not.toMatch(/_revinclude|_include/);
    expect(query.parts.size).toBe(0);
  });

  it('escapes the patient id', () => {
    expect(patientHistoryQuery('a&b', OPEN_SERVER, 10).path).toMatch(
      /^Encounter\?patient=Patient%2Fa%26b&_sort=-date&_count=10&/,
    );
  });
});

describe('readHistoryPage', () => {
  const record = buildLargeHistory(TODAY);

  it('separates the matched encounters from what was included and keeps the next link', () => {
    const encounters = record.filter((r) => r.resourceType === 'Encounter').slice(0, 3);
    const observations = record.filter((r) => r.resourceType === 'Observation').slice(0, 4);
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'searchset',
      total: 593,
      link: [
        { relation: 'self', url: 'https://ehr.example.org/fhir/Encounter?_offset=0' },
        { relation: 'next', url: 'https://ehr.example.org/fhir/Encounter?_offset=50' },
      ],
      entry: [
        ...encounters.map((resource) => ({ resource, search: { mode: 'match' as const } })),
        ...observations.map((resource) => ({ resource, search: { mode: 'include' as const } })),
      ],
    };
    const page = readHistoryPage(bundle);
    expect(page.encounters).toHaveLength(3);
    expect(page.related).toHaveLength(4);
    expect(page.nextUrl).toBe('https://ehr.example.org/fhir/Encounter?_offset=50');
    expect(page.total).toBe(593);
  });

  it('has no next link on the last page and never throws on odd entries', () => {
    const page = readHistoryPage({
      resourceType: 'Bundle',
      type: 'searchset',
      entry: [
        {},
        { resource: { resourceType: 'Encounter', status: 'finished', class: {} } },
        'junk' as never,
      ],
    });
    expect(page.encounters).toHaveLength(1);
    expect(page.nextUrl).toBeUndefined();
  });
});

describe('roleLabels', () => {
  it('names each PractitionerRole by its code', () => {
    const role: PractitionerRole = {
      resourceType: 'PractitionerRole',
      id: 'role-jordan-lee',
      code: [{ text: 'Family Peer Advocate' }],
    };
    expect(roleLabels([role]).get('PractitionerRole/role-jordan-lee')).toBe('Family Peer Advocate');
  });
});
