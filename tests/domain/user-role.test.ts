import type { Practitioner, PractitionerRole } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import {
  PEER_SUPPORT_ROLE_CODES,
  PEER_SUPPORT_SUPERVISOR,
  SUPERVISOR_ROLE_CODES,
} from '../../src/domain/codes';
import { classifyUser, classifyUserRole } from '../../src/domain/user-role';

function roleWith(system: string, code: string, extra: Partial<PractitionerRole> = {}): PractitionerRole {
  return { resourceType: 'PractitionerRole', code: [{ coding: [{ system, code }] }], ...extra };
}

const [nuccPeer, ourPeer] = [...PEER_SUPPORT_ROLE_CODES].map((key) => key.split('|') as [string, string]);

describe('classifyUserRole', () => {
  it('recognises the NUCC Peer Specialist taxonomy code as a peer', () => {
    expect(nuccPeer).toBeDefined();
    const [system, code] = nuccPeer ?? ['', ''];
    expect(
      classifyUserRole([roleWith(system, code, { specialty: [{ text: 'Adult peer support' }] })]),
    ).toEqual({
      kind: 'peer',
      label: 'Adult peer support',
    });
  });

  it('recognises PeerBridge peer role codes as a peer', () => {
    const [system, code] = ourPeer ?? ['', ''];
    expect(classifyUserRole([roleWith(system, code)]).kind).toBe('peer');
  });

  it('treats any other role as a clinician, with the role named', () => {
    const psychiatry = roleWith('http://nucc.org/provider-taxonomy', '2084P0800X');
    psychiatry.code = [
      {
        coding: [{ system: 'http://nucc.org/provider-taxonomy', code: '2084P0800X', display: 'Psychiatry' }],
      },
    ];
    expect(classifyUserRole([psychiatry])).toEqual({ kind: 'clinician', label: 'Psychiatry' });
  });

  it('ignores inactive peer roles', () => {
    const [system, code] = nuccPeer ?? ['', ''];
    expect(classifyUserRole([roleWith(system, code, { active: false })]).kind).toBe('clinician');
  });

  it('defaults to the read-only clinician view with no roles at all', () => {
    expect(classifyUserRole([])).toEqual({ kind: 'clinician', label: 'Clinician' });
  });
});

describe('classifyUser', () => {
  const [system, code] = nuccPeer ?? ['', ''];
  const SITE_CODE = { system: 'https://ehr.example.test/role-codes', code: 'PEER-ADV' };

  it('recognises the NUCC Peer Specialist code in PractitionerRole.specialty (US Core 6+)', () => {
    const role: PractitionerRole = {
      resourceType: 'PractitionerRole',
      code: [{ text: 'Staff' }],
      specialty: [{ coding: [{ system, code, display: 'Peer Specialist' }] }],
    };
    expect(classifyUser({ roles: [role] })).toEqual({ kind: 'peer', label: 'Peer Specialist' });
  });

  it('recognises a peer qualification on the Practitioner where the EHR has no PractitionerRole', () => {
    const practitioner: Practitioner = {
      resourceType: 'Practitioner',
      qualification: [{ code: { coding: [{ system, code }], text: 'Certified peer specialist' } }],
    };
    expect(classifyUser({ roles: [], practitioner })).toEqual({
      kind: 'peer',
      label: 'Certified peer specialist',
    });
  });

  it("recognises the site's own peer role codes from the runtime config", () => {
    const role = roleWith(SITE_CODE.system, SITE_CODE.code);
    expect(classifyUser({ roles: [role] }).kind).toBe('clinician');
    expect(classifyUser({ roles: [role] }, { roleCodes: [SITE_CODE], users: [] }).kind).toBe('peer');
  });

  it('recognises a user the runtime config lists, by relative reference or full URL', () => {
    const recognition = { roleCodes: [], users: ['https://ehr.example.test/fhir/Practitioner/pr-7'] };
    expect(classifyUser({ reference: 'Practitioner/pr-7', roles: [] }, recognition).kind).toBe('peer');
    expect(classifyUser({ reference: 'Practitioner/pr-8', roles: [] }, recognition).kind).toBe('clinician');
  });
});

describe('classifyUser, supervisors', () => {
  const supervisorRole: PractitionerRole = {
    resourceType: 'PractitionerRole',
    code: [{ coding: [PEER_SUPPORT_SUPERVISOR] }],
  };

  it("recognises PeerBridge's peer support supervisor code", () => {
    expect(classifyUser({ roles: [supervisorRole] })).toEqual({
      kind: 'supervisor',
      label: 'Peer support supervisor',
    });
  });

  it('keeps the supervisor code out of the peer role codes, so a supervisor is never taken for a peer', () => {
    for (const key of SUPERVISOR_ROLE_CODES) {
      expect(PEER_SUPPORT_ROLE_CODES.has(key)).toBe(false);
    }
  });

  it('counts supervisor evidence before peer evidence', () => {
    const [system, code] = nuccPeer ?? ['', ''];
    expect(classifyUser({ roles: [roleWith(system, code), supervisorRole] }).kind).toBe('supervisor');
  });

  it("recognises the site's supervisor codes and listed supervisors from the runtime config", () => {
    const siteCode = { system: 'https://ehr.example.test/role-codes', code: 'PEER-SUP' };
    const role = roleWith(siteCode.system, siteCode.code);
    expect(classifyUser({ roles: [role] }).kind).toBe('clinician');
    const recognition = { roleCodes: [], users: [], supervisorRoleCodes: [siteCode] };
    expect(classifyUser({ roles: [role] }, recognition).kind).toBe('supervisor');
    const listed = { roleCodes: [], users: [], supervisorUsers: ['Practitioner/pr-9'] };
    expect(classifyUser({ reference: 'Practitioner/pr-9', roles: [] }, listed).kind).toBe('supervisor');
  });

  it('does not make an inactive supervisor role count', () => {
    expect(classifyUser({ roles: [{ ...supervisorRole, active: false }] }).kind).toBe('clinician');
  });
});
