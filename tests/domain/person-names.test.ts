import type { CareTeam, Encounter, Organization, Practitioner, PractitionerRole, Task } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { careTeamMembers } from '../../src/domain/care-team-members';
import { planNameQueries, unresolvedReferences } from '../../src/domain/person-name-queries';
import { addNames, buildNameDirectory, EMPTY_NAMES, nameOf } from '../../src/domain/person-names';
import { ASSUMED_CAPABILITIES, readServerCapabilities } from '../../src/domain/server-capabilities';
import { signedInUser } from '../../src/domain/signed-in-user';
import { NO_PEER_RECOGNITION } from '../../src/domain/user-role';

const sam: Practitioner = {
  resourceType: 'Practitioner',
  id: 'pr-sam-okafor',
  name: [{ prefix: ['Dr.'], given: ['Sam'], family: 'Okafor' }],
};
const riverside: Organization = {
  resourceType: 'Organization',
  id: 'org-riverside',
  name: 'Riverside Clinic',
};
const alexRole: PractitionerRole = {
  resourceType: 'PractitionerRole',
  id: 'role-alex-rivera',
  practitioner: { reference: 'Practitioner/pr-alex-rivera' },
  organization: { reference: 'Organization/org-riverside' },
};
const visit: Encounter = {
  resourceType: 'Encounter',
  status: 'finished',
  class: { code: 'AMB' },
  participant: [{ individual: { reference: 'Practitioner/pr-sam-okafor' } }],
};
const RAW = /\b(Practitioner|PractitionerRole|Patient|Organization)\/[A-Za-z0-9.-]+/;

describe('nameOf', () => {
  it('uses the reference’s own display first', () => {
    expect(nameOf(EMPTY_NAMES, { reference: 'Practitioner/x', display: 'Jordan Lee' })).toBe('Jordan Lee');
  });

  it('names a reference without display from an included Practitioner', () => {
    const names = buildNameDirectory([visit, sam]);
    expect(nameOf(names, { reference: 'Practitioner/pr-sam-okafor' })).toBe('Dr. Sam Okafor');
  });

  it('names a PractitionerRole through its practitioner, read by absolute or versioned URL too', () => {
    const names = buildNameDirectory([
      alexRole,
      { ...sam, id: 'pr-alex-rivera', name: [{ text: 'Alex Rivera' }] },
    ]);
    expect(nameOf(names, { reference: 'https://ehr.test/fhir/PractitionerRole/role-alex-rivera' })).toBe(
      'Alex Rivera',
    );
    expect(nameOf(names, { reference: 'PractitionerRole/role-alex-rivera/_history/3' })).toBe('Alex Rivera');
  });

  it('says "Someone at" the role’s organization when only that is known', () => {
    const names = buildNameDirectory([alexRole, riverside]);
    expect(nameOf(names, { reference: 'PractitionerRole/role-alex-rivera' })).toBe(
      'Someone at Riverside Clinic',
    );
  });

  it('falls back to wording by type, or the caller’s, never to the reference', () => {
    expect(nameOf(EMPTY_NAMES, { reference: 'Practitioner/ref-peer-1' })).toBe('A care team member');
    expect(nameOf(EMPTY_NAMES, { reference: 'RelatedPerson/rp-1' })).toBe('A family member or supporter');
    expect(nameOf(EMPTY_NAMES, { reference: 'Practitioner/ref-peer-1' }, 'a peer')).toBe('a peer');
    expect(nameOf(EMPTY_NAMES, { reference: 'Basic/odd' })).toBe('Someone');
  });

  it('ignores a display that is itself a reference or a URL', () => {
    expect(nameOf(EMPTY_NAMES, { reference: 'Practitioner/p1', display: 'Practitioner/p1' })).toBe(
      'A care team member',
    );
    expect(nameOf(EMPTY_NAMES, { display: 'https://ehr.test/fhir/Practitioner/p1' })).toBe('Someone');
  });

  it('is total over malformed input', () => {
    for (const odd of [undefined, null, 3, 'Practitioner/p1', [], { reference: 7 }, { display: '   ' }]) {
      expect(nameOf(EMPTY_NAMES, odd)).not.toMatch(RAW);
    }
  });

  it('prefers a resource’s own name over a display another reference gave it', () => {
    const names = buildNameDirectory([
      {
        ...visit,
        participant: [{ individual: { reference: 'Practitioner/pr-sam-okafor', display: 'S. O.' } }],
      },
      sam,
    ]);
    expect(nameOf(names, { reference: 'Practitioner/pr-sam-okafor' })).toBe('Dr. Sam Okafor');
  });
});

describe('unresolvedReferences', () => {
  it('lists the people met without a name, once each, and not those named', () => {
    const task: Task = {
      resourceType: 'Task',
      status: 'requested',
      intent: 'order',
      requester: { reference: 'PractitionerRole/role-alex-rivera' },
      owner: { reference: 'Practitioner/pr-sam-okafor' },
    };
    const names = buildNameDirectory([visit, task, { ...visit, id: 'e2' }]);
    expect(unresolvedReferences(names)).toEqual([
      'Practitioner/pr-sam-okafor',
      'PractitionerRole/role-alex-rivera',
    ]);
    expect(unresolvedReferences(addNames(names, [sam]))).toEqual(['PractitionerRole/role-alex-rivera']);
  });

  it('asks for a role’s practitioner once the role is known, not the role again', () => {
    expect(unresolvedReferences(buildNameDirectory([alexRole]))).toEqual([
      'Organization/org-riverside',
      'Practitioner/pr-alex-rivera',
    ]);
  });

  it('does not ask for Patients or other types it cannot name by search', () => {
    const encounter: Encounter = {
      ...visit,
      participant: [{ individual: { reference: 'RelatedPerson/rp-1' } }],
      subject: { reference: 'Patient/pt-1' },
    };
    expect(unresolvedReferences(buildNameDirectory([encounter]))).toEqual([]);
  });
});

describe('planNameQueries', () => {
  const epicLike = readServerCapabilities({
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-01-01',
    kind: 'instance',
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [
      {
        mode: 'server',
        resource: [
          {
            type: 'Practitioner',
            interaction: [{ code: 'read' }, { code: 'search-type' }],
            searchParam: [{ name: '_id', type: 'token' }],
          },
          {
            type: 'PractitionerRole',
            interaction: [{ code: 'read' }],
            searchParam: [],
          },
        ],
      },
    ],
  });

  it('reads each type’s ids in one _id search', () => {
    const queries = planNameQueries(ASSUMED_CAPABILITIES, [
      'Practitioner/a',
      'Practitioner/b',
      'Organization/o',
    ]);
    expect(queries.map((q) => q.path)).toEqual([
      'Practitioner?_id=a%2Cb&_count=2',
      'Organization?_id=o&_count=1',
    ]);
  });

  it('splits many ids into bounded searches', () => {
    const keys = Array.from({ length: 90 }, (_, i) => `Practitioner/p${i}`);
    const queries = planNameQueries(ASSUMED_CAPABILITIES, keys);
    expect(queries).toHaveLength(3);
    expect(queries.flatMap((q) => q.ids)).toHaveLength(90);
  });

  it('falls back to a few single reads where _id search is not offered', () => {
    const keys = Array.from({ length: 20 }, (_, i) => `PractitionerRole/r${i}`);
    const queries = planNameQueries(epicLike, keys);
    expect(queries.every((q) => q.kind === 'read')).toBe(true);
    expect(queries.length).toBeLessThanOrEqual(6);
  });

  it('asks nothing of a type the server does not offer', () => {
    expect(planNameQueries(epicLike, ['Organization/o'])).toEqual([]);
  });
});

describe('names on the first screen', () => {
  it('lists a care team member without display or include as wording, then by name once read', () => {
    const team: CareTeam = {
      resourceType: 'CareTeam',
      participant: [
        { member: { reference: 'Practitioner/pr-sam-okafor' }, role: [{ text: 'Psychiatrist' }] },
      ],
    };
    expect(careTeamMembers([team])).toEqual([
      {
        name: 'A care team member',
        named: false,
        role: 'Psychiatrist',
        reference: 'Practitioner/pr-sam-okafor',
      },
    ]);
    expect(careTeamMembers([team, sam])[0]?.name).toBe('Dr. Sam Okafor');
  });

  it('never names the signed-in user by their reference', () => {
    const role: PractitionerRole = {
      resourceType: 'PractitionerRole',
      id: 'ref-role-1',
      practitioner: { reference: 'Practitioner/ref-peer-1' },
    };
    const user = signedInUser(
      [role],
      { resourceType: 'PractitionerRole', id: 'ref-role-1' },
      NO_PEER_RECOGNITION,
    );
    expect(user.name).toBe('Signed-in user');
    expect(user.practitioner).toBe('Practitioner/ref-peer-1');
  });
});
