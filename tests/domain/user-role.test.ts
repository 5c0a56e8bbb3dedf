import type { PractitionerRole } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { PEER_SUPPORT_ROLE_CODES } from '../../src/domain/codes';
import { classifyUserRole } from '../../src/domain/user-role';

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
