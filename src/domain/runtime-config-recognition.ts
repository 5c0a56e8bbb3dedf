/**
 * How the runtime configuration says who is a peer or a supervisor at a site: role codes
 * (PractitionerRole code or specialty, Practitioner qualification) and fhirUser references.
 */
import { isRecord } from './guards';
import { parseReference } from './references';
import { assertKnownKeys, optionalList, requiredString, RuntimeConfigError } from './runtime-config-fields';
import type { RoleCode } from './user-role';

const CODE_KEYS = new Set(['system', 'code']);

function roleCode(value: unknown, path: string): RoleCode {
  if (!isRecord(value)) {
    throw new RuntimeConfigError(`${path} must be an object such as { "system": "…", "code": "…" }.`);
  }
  assertKnownKeys(value, CODE_KEYS, path);
  return {
    system: requiredString(value, 'system', path, 'the code system URL, e.g. the NUCC taxonomy'),
    code: requiredString(value, 'code', path, 'the code as the EHR sends it'),
  };
}

function peerUser(value: unknown, path: string): string {
  const parsed = typeof value === 'string' ? parseReference(value) : undefined;
  if (
    typeof value !== 'string' ||
    (parsed?.resourceType !== 'Practitioner' && parsed?.resourceType !== 'PractitionerRole')
  ) {
    throw new RuntimeConfigError(
      `${path} must be a fhirUser such as "Practitioner/123" or its full URL: ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

/** The settings of an issuer entry that recognise peers and supervisors, as given. */
export interface RecognitionSettings {
  readonly peerRoleCodes?: readonly RoleCode[];
  readonly peerUsers?: readonly string[];
  readonly supervisorRoleCodes?: readonly RoleCode[];
  readonly supervisorUsers?: readonly string[];
}

/** peerRoleCodes, peerUsers, supervisorRoleCodes and supervisorUsers of an issuer entry, checked. */
export function recognitionSettings(entry: Record<string, unknown>, path: string): RecognitionSettings {
  const codes = optionalList(entry, 'peerRoleCodes', path)?.map((value, index) =>
    roleCode(value, `${path}.peerRoleCodes[${index}]`),
  );
  const users = optionalList(entry, 'peerUsers', path)?.map((value, index) =>
    peerUser(value, `${path}.peerUsers[${index}]`),
  );
  const supervisorCodes = optionalList(entry, 'supervisorRoleCodes', path)?.map((value, index) =>
    roleCode(value, `${path}.supervisorRoleCodes[${index}]`),
  );
  const supervisors = optionalList(entry, 'supervisorUsers', path)?.map((value, index) =>
    peerUser(value, `${path}.supervisorUsers[${index}]`),
  );
  return {
    ...(codes ? { peerRoleCodes: codes } : {}),
    ...(users ? { peerUsers: users } : {}),
    ...(supervisorCodes ? { supervisorRoleCodes: supervisorCodes } : {}),
    ...(supervisors ? { supervisorUsers: supervisors } : {}),
  };
}
