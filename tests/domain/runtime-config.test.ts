import { describe, expect, it } from 'vitest';
import { parseRuntimeConfig } from '../../src/domain/runtime-config';
import { RuntimeConfigError } from '../../src/domain/runtime-config-fields';
import { DEFAULT_ISSUER_OPTIONS, issuerOptions } from '../../src/domain/runtime-config-issuer';

const EPIC = { iss: 'https://fhir.example-epic.test/api/FHIR/R4', clientId: 'abc-123' };
const SITE_CODE = { system: 'https://ehr.example.test/role-codes', code: 'PEER-ADV' };
const NOTE_TYPE = { system: 'https://ehr.example.test/note-types', code: 'PEER', display: 'Peer note' };

describe('parseRuntimeConfig, per-issuer site settings', () => {
  it('accepts peer role codes, peer users and the write settings', () => {
    const entry = {
      ...EPIC,
      peerRoleCodes: [SITE_CODE],
      peerUsers: ['Practitioner/pr-7', 'https://fhir.example-epic.test/api/FHIR/R4/Practitioner/pr-8'],
      clinicalNote: { enabled: true, type: NOTE_TYPE },
      structuredRecord: false,
    };
    expect(parseRuntimeConfig({ issuers: [entry] })).toEqual({ issuers: [entry] });
  });

  it.each([
    [{ peerRoleCodes: SITE_CODE }, 'issuers[0].peerRoleCodes must be a list'],
    [{ peerRoleCodes: [{ code: 'X' }] }, 'issuers[0].peerRoleCodes[0].system is missing'],
    [
      { peerRoleCodes: [{ ...SITE_CODE, display: 'x' }] },
      'issuers[0].peerRoleCodes[0].display is not a known setting',
    ],
    [{ peerUsers: ['Patient/p1'] }, 'issuers[0].peerUsers[0] must be a fhirUser such as "Practitioner/123"'],
    [{ peerUsers: [7] }, 'issuers[0].peerUsers[0] must be a fhirUser'],
    [{ supervisorRoleCodes: [{ code: 'X' }] }, 'issuers[0].supervisorRoleCodes[0].system is missing'],
    [{ supervisorUsers: ['Patient/p1'] }, 'issuers[0].supervisorUsers[0] must be a fhirUser'],
    [{ clinicalNote: true }, 'issuers[0].clinicalNote must be an object'],
    [{ clinicalNote: { enabled: 'yes' } }, 'issuers[0].clinicalNote.enabled must be true or false'],
    [
      { clinicalNote: { type: { system: 'x', code: 'y' } } },
      'issuers[0].clinicalNote.type.display is missing',
    ],
    [{ clinicalNote: { kind: 'x' } }, 'issuers[0].clinicalNote.kind is not a known setting'],
    [{ structuredRecord: 'no' }, 'issuers[0].structuredRecord must be true or false'],
  ])('names the bad setting in %j', (settings, message) => {
    const json = { issuers: [{ ...EPIC, ...settings }] };
    expect(() => parseRuntimeConfig(json)).toThrow(RuntimeConfigError);
    expect(() => parseRuntimeConfig(json)).toThrow(message);
  });
});

describe('parseRuntimeConfig, supervisors', () => {
  it('accepts supervisor role codes and supervisor users and passes them to peer recognition', () => {
    const SUPERVISOR_CODE = { system: SITE_CODE.system, code: 'PEER-SUP' };
    const entry = { ...EPIC, supervisorRoleCodes: [SUPERVISOR_CODE], supervisorUsers: ['Practitioner/pr-9'] };
    const [issuer] = parseRuntimeConfig({ issuers: [entry] }).issuers;
    expect(issuer).toEqual(entry);
    expect(issuerOptions(issuer).peerRecognition).toEqual({
      roleCodes: [],
      users: [],
      supervisorRoleCodes: [SUPERVISOR_CODE],
      supervisorUsers: ['Practitioner/pr-9'],
    });
  });
});

describe('issuerOptions', () => {
  it('gives the defaults when the issuer is not configured', () => {
    expect(issuerOptions(undefined)).toBe(DEFAULT_ISSUER_OPTIONS);
  });

  it("exposes the issuer's peer recognition and write settings as configured", () => {
    const [issuer] = parseRuntimeConfig({
      issuers: [{ ...EPIC, peerRoleCodes: [SITE_CODE], clinicalNote: { enabled: false } }],
    }).issuers;
    expect(issuerOptions(issuer)).toEqual({
      peerRecognition: { roleCodes: [SITE_CODE], users: [] },
      clinicalNote: { enabled: false },
    });
  });
});
