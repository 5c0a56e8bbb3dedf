import type { Bundle, FhirResource } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { CATEGORY } from '../../src/domain/codes';
import { ASSUMED_CAPABILITIES, type ServerCapabilities } from '../../src/domain/server-capabilities';
import { loadCaseloadPage, loadMoreContacts } from '../../src/fhir/caseload-loader';
import { ForeignPageLinkError } from '../../src/fhir/note-parts-query';
import type { FhirResponse, FhirSession } from '../../src/fhir/smart-session';

const SERVER = 'https://ehr.example.test/fhir';
const USER = 'Practitioner/pr-alex';

const OPEN_SERVER: ServerCapabilities = {
  known: true,
  transaction: true,
  batch: true,
  resources: {
    CareTeam: {
      interactions: ['search-type'],
      conditionalCreate: false,
      searchParams: ['participant', 'status'],
      searchInclude: ['CareTeam:patient'],
      searchRevInclude: [],
      supportedProfiles: [],
    },
    Encounter: {
      interactions: ['search-type'],
      conditionalCreate: false,
      searchParams: ['patient', 'type', 'date'],
      searchInclude: [],
      searchRevInclude: ['Task:focus'],
      supportedProfiles: [],
    },
  },
};

function searchset(resources: FhirResource[], next?: string): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    entry: resources.map((resource) => ({ resource })),
    ...(next ? { link: [{ relation: 'next', url: next }] } : {}),
  };
}

const team = (patient: string): FhirResource => ({
  resourceType: 'CareTeam',
  status: 'active',
  subject: { reference: `Patient/${patient}` },
});
const patient = (id: string, given: string): FhirResource => ({
  resourceType: 'Patient',
  id,
  name: [{ given: [given], family: 'Synthetic' }],
  birthDate: '1990-01-01',
});
const contact = (id: string, who: string): FhirResource => ({
  resourceType: 'Encounter',
  id,
  status: 'finished',
  class: { code: 'AMB' },
  type: [{ coding: [CATEGORY.peerSupportService] }],
  subject: { reference: `Patient/${who}` },
  period: { start: '2026-11-20T10:00:00Z' },
});

/** A fake server that answers by resource type (and the path, for paging links). */
function fakeServer(answers: (path: string) => Bundle) {
  const sent: string[] = [];
  const session: FhirSession = {
    context: { serverUrl: SERVER, launchKey: 'k', needPatientBanner: true, grantedScope: '' },
    request(path: string): Promise<FhirResponse> {
      sent.push(path);
      return Promise.resolve({ status: 200, headers: new Headers(), body: answers(path) });
    },
  };
  return { session, sent };
}

describe('loadCaseloadPage', () => {
  it('reads a page of people and their contacts in two requests where the server lists the includes', async () => {
    const { session, sent } = fakeServer((path) =>
      path.startsWith('CareTeam')
        ? searchset(
            [team('p1'), team('p2'), patient('p1', 'Ana'), patient('p2', 'Ben')],
            `${SERVER}/CareTeam?page=2`,
          )
        : searchset([contact('e1', 'p1')]),
    );
    const read = await loadCaseloadPage(session, () => Promise.resolve(OPEN_SERVER), { user: USER });
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatch(/_revinclude=Task%3Afocus/);
    expect(read.page.people.map((p) => p.name)).toEqual(['Ana Synthetic', 'Ben Synthetic']);
    expect(read.page.nextUrl).toBe(`${SERVER}/CareTeam?page=2`);
    expect(read.encounters.map((e) => e.id)).toEqual(['e1']);
    expect(read.next).toBeUndefined();
  });

  it('searches follow-up tasks separately where the server lists no _revinclude', async () => {
    const { session, sent } = fakeServer((path) =>
      path.startsWith('CareTeam') ? searchset([team('p1'), patient('p1', 'Ana')]) : searchset([]),
    );
    await loadCaseloadPage(session, () => Promise.resolve(ASSUMED_CAPABILITIES), { user: USER });
    expect(sent.map((path) => path.split('?')[0])).toEqual(['CareTeam', 'Encounter', 'Task']);
    expect(sent[1]).not.toMatch(/_revinclude/);
  });

  it('names the people a server did not include with one Patient search', async () => {
    const { session, sent } = fakeServer((path) => {
      if (path.startsWith('CareTeam')) {
        return searchset([team('p1'), team('p2')]);
      }
      return path.startsWith('Patient')
        ? searchset([patient('p1', 'Ana'), patient('p2', 'Ben')])
        : searchset([]);
    });
    const read = await loadCaseloadPage(session, () => Promise.resolve(OPEN_SERVER), { user: USER });
    expect(sent.filter((path) => path.startsWith('Patient'))).toEqual(['Patient?_id=p1%2Cp2&_count=2']);
    expect(read.page.people.map((p) => p.name)).toEqual(['Ana Synthetic', 'Ben Synthetic']);
    expect(read.page.unnamed).toEqual([]);
  });

  it('keeps the contacts search next link for reading after the first paint', async () => {
    const { session } = fakeServer((path) =>
      path.startsWith('CareTeam')
        ? searchset([team('p1'), patient('p1', 'Ana')])
        : searchset([contact('e1', 'p1')], `${SERVER}/Encounter?_offset=10`),
    );
    const read = await loadCaseloadPage(session, () => Promise.resolve(OPEN_SERVER), { user: USER });
    expect(read.next).toEqual({ encounters: `${SERVER}/Encounter?_offset=10` });
  });

  it('refuses a next link that leaves the FHIR server, so the token is never sent there', async () => {
    const { session, sent } = fakeServer(() => searchset([]));
    await expect(
      loadCaseloadPage(session, () => Promise.resolve(OPEN_SERVER), {
        nextUrl: 'https://elsewhere.test/CareTeam',
      }),
    ).rejects.toBeInstanceOf(ForeignPageLinkError);
    expect(sent).toEqual([]);
  });

  it('sends no contacts search for an empty caseload', async () => {
    const { session, sent } = fakeServer(() => searchset([]));
    const read = await loadCaseloadPage(session, () => Promise.resolve(OPEN_SERVER), { user: USER });
    expect(sent).toHaveLength(1);
    expect(read.page.people).toEqual([]);
  });
});

describe('loadMoreContacts', () => {
  it('follows the contacts next links until the last page', async () => {
    const { session, sent } = fakeServer((path) =>
      path.endsWith('_offset=10')
        ? searchset([contact('e2', 'p1')], `${SERVER}/Encounter?_offset=20`)
        : searchset([contact('e3', 'p1')]),
    );
    const more = await loadMoreContacts(session, { encounters: `${SERVER}/Encounter?_offset=10` });
    expect(sent).toHaveLength(2);
    expect(more.encounters.map((e) => e.id)).toEqual(['e2', 'e3']);
    expect(more.next).toBeUndefined();
  });
});
