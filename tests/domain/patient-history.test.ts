import type { Bundle, PractitionerRole } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { buildLargeHistory } from '../../mocks/fixtures/large-history';
import { patientHistoryQuery, readHistoryPage, roleLabels } from '../../src/domain/patient-history';

const TODAY = new Date('2026-11-20T12:00:00Z');

describe('patientHistoryQuery', () => {
  it('asks for a page of encounters with what belongs to them in one search', () => {
    expect(patientHistoryQuery('pt-casey-morgan')).toBe(
      'Encounter?patient=Patient/pt-casey-morgan&_sort=-date&_count=50' +
        '&_revinclude=Observation:encounter&_revinclude=Task:focus&_revinclude=Provenance:target' +
        '&_include=Encounter:participant:PractitionerRole',
    );
  });

  it('escapes the patient id', () => {
    expect(patientHistoryQuery('a&b', 10)).toMatch(
      /^Encounter\?patient=Patient\/a%26b&_sort=-date&_count=10&/,
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
