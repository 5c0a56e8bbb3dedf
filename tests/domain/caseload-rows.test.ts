import type { Bundle, Encounter, Task } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { readCaseloadPage, withPatients, type CaseloadEntry } from '../../src/domain/caseload-page';
import { caseloadContactsQuery } from '../../src/domain/caseload-queries';
import { ageOn, buildCaseloadRows, daysAgo } from '../../src/domain/caseload-rows';
import { sortCaseload } from '../../src/domain/caseload-sort';
import { CATEGORY } from '../../src/domain/codes';

const now = new Date('2026-12-02T12:00:00Z');

const page: Bundle = {
  resourceType: 'Bundle',
  type: 'searchset',
  link: [{ relation: 'next', url: 'https://fhir.example/CareTeam?page=2' }],
  entry: [
    { resource: { resourceType: 'CareTeam', subject: { reference: 'Patient/maria' } } },
    {
      resource: { resourceType: 'CareTeam', subject: { reference: 'Patient/devon', display: 'Devon Price' } },
    },
    {
      resource: {
        resourceType: 'Patient',
        id: 'maria',
        name: [{ given: ['Maria'], family: 'Lopez' }],
        birthDate: '1990-12-03',
      },
    },
  ],
};

const people: CaseloadEntry[] = [
  { id: 'maria', name: 'Maria Lopez', birthDate: '1990-12-03' },
  { id: 'devon', name: 'Devon Price' },
];

function peerEncounter(id: string, patient: string, start: string, status: Encounter['status']): Encounter {
  return {
    resourceType: 'Encounter',
    id,
    status,
    class: { code: 'AMB' },
    type: [{ coding: [CATEGORY.peerSupportService] }],
    subject: { reference: `Patient/${patient}` },
    period: { start },
  };
}

const followUp: Task = {
  resourceType: 'Task',
  id: 't1',
  status: 'requested',
  intent: 'order',
  code: { coding: [CATEGORY.clinicianFollowUp] },
  focus: { reference: 'Encounter/e1' },
  authoredOn: '2026-11-30T10:00:00Z',
};

describe('readCaseloadPage', () => {
  it('names each person from the included Patient, or from the team reference when not included', () => {
    expect(readCaseloadPage(page).people).toEqual([
      { id: 'maria', name: 'Maria Lopez', birthDate: '1990-12-03' },
      { id: 'devon', name: 'Devon Price' },
    ]);
  });

  it('keeps the server next link for the following page', () => {
    expect(readCaseloadPage(page).nextUrl).toBe('https://fhir.example/CareTeam?page=2');
  });
});

describe('caseloadContactsQuery', () => {
  it('asks for the peer contacts of every person on the page in one search', () => {
    expect(caseloadContactsQuery(['maria', 'devon']).encounters).toContain(
      'patient=Patient%2Fmaria%2CPatient%2Fdevon',
    );
  });

  it('searches follow-up tasks apart while the server has not said it takes _revinclude', () => {
    const plan = caseloadContactsQuery(['maria']);
    expect(plan.encounters).not.toContain('_revinclude');
    expect(plan.tasks).toMatch(/^Task\?patient=Patient%2Fmaria&code=/);
  });

  it('leaves out a type filter the server does not list, so a vendor does not answer 400', () => {
    const capabilities = {
      known: true,
      transaction: false,
      batch: false,
      resources: {
        Encounter: {
          interactions: ['search-type'],
          conditionalCreate: false,
          searchParams: ['patient'],
          searchInclude: [],
          searchRevInclude: ['Task:focus'],
          supportedProfiles: [],
        },
      },
    };
    const plan = caseloadContactsQuery(['maria'], capabilities);
    expect(plan.encounters).not.toContain('type=');
    expect(plan.encounters).toContain('_revinclude=Task%3Afocus');
    expect(plan.tasks).toBeUndefined();
  });
});

describe('readCaseloadPage and withPatients', () => {
  it('lists the people whose Patient was not included, and names them from a separate read', () => {
    const read = readCaseloadPage(page);
    expect(read.unnamed).toEqual(['devon']);
    const named = withPatients(read, [
      { resourceType: 'Patient', id: 'devon', name: [{ given: ['Devon'], family: 'Price-Hall' }] },
    ]);
    expect(named.people[1]).toEqual({ id: 'devon', name: 'Devon Price-Hall' });
    expect(named.unnamed).toEqual([]);
  });
});

describe('ageOn and daysAgo', () => {
  it('counts a birthday not yet reached this year as a year younger', () => {
    expect(ageOn('1990-12-03', now)).toBe(35);
    expect(ageOn('1990-12-02', now)).toBe(36);
  });

  it('counts whole days from the injected now', () => {
    expect(daysAgo('2026-11-29T13:00:00Z', now)).toBe(2);
    expect(daysAgo('not a date', now)).toBeUndefined();
  });
});

describe('buildCaseloadRows', () => {
  const rows = buildCaseloadRows(
    people,
    {
      encounters: [
        peerEncounter('e1', 'maria', '2026-11-30T10:00:00Z', 'finished'),
        peerEncounter('e2', 'maria', '2026-12-01T10:00:00Z', 'in-progress'),
        peerEncounter('e3', 'devon', '2026-10-01T10:00:00Z', 'finished'),
      ],
      tasks: [followUp],
      localDrafts: new Map([['devon', 1]]),
    },
    now,
  );

  it('shows the last finished peer contact in days and the open follow-ups with their status', () => {
    expect(rows[0]).toMatchObject({
      name: 'Maria Lopez',
      age: 35,
      lastContactDaysAgo: 2,
      openFollowUps: [{ status: 'requested' }],
      quiet: false,
    });
  });

  it('counts in-progress encounters and local drafts as drafts in progress', () => {
    expect(rows.map((row) => row.draftsInProgress)).toEqual([1, 1]);
  });

  it('flags a person with no peer contact in 30 days', () => {
    expect(rows[1]).toMatchObject({ name: 'Devon Price', lastContactDaysAgo: 62, quiet: true });
  });

  it('says a last contact is still loading, not "never", while later contact pages are unread', () => {
    const pending = buildCaseloadRows(people, { encounters: [], tasks: [], complete: false }, now);
    expect(pending.map((row) => [row.contactsPending, row.quiet])).toEqual([
      [true, false],
      [true, false],
    ]);
  });

  it('keeps a follow-up the clinician acknowledged as open, with its status, found by the task subject', () => {
    const accepted = {
      ...followUp,
      id: 't2',
      status: 'accepted' as const,
      focus: undefined,
      for: { reference: 'Patient/devon' },
    };
    const withAccepted = buildCaseloadRows(people, { encounters: [], tasks: [accepted] }, now);
    expect(withAccepted[1]?.openFollowUps).toEqual([{ reason: 'No reason given', status: 'accepted' }]);
  });

  it('flags a person never contacted', () => {
    expect(buildCaseloadRows(people, { encounters: [], tasks: [] }, now).every((row) => row.quiet)).toBe(
      true,
    );
  });
});

describe('sortCaseload', () => {
  const rows = buildCaseloadRows(
    people,
    { encounters: [peerEncounter('e1', 'maria', '2026-11-30T10:00:00Z', 'finished')], tasks: [] },
    now,
  );

  it('sorts by last contact with the never-contacted as longest ago', () => {
    expect(sortCaseload(rows, 'lastContact', 'descending').map((row) => row.name)).toEqual([
      'Devon Price',
      'Maria Lopez',
    ]);
  });

  it('sorts by name ascending', () => {
    expect(sortCaseload(rows, 'name', 'ascending').map((row) => row.name)).toEqual([
      'Devon Price',
      'Maria Lopez',
    ]);
  });
});
