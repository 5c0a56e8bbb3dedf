/**
 * The runtime configuration IT deploys next to the static files (`peerbridge.config.json`): which EHR
 * issuers may launch PeerBridge, the client id each one registered it under, and per issuer how its
 * peers are recognised and what a save may write. Changed without a rebuild; validated on every launch
 * (and read again by the app page) so that a typo is named, not guessed at. Pure: the launch page and
 * the app page fetch the file, this module only reads it.
 */
import { isRecord } from './guards';
import { parseProgramConfig, type ProgramConfig } from './program-config';
import { parseReference } from './references';
import type { PeerRecognition, RoleCode } from './user-role';

/** A note type the site's EHR files notes under (a LOINC document type, or the EHR's own). */
export interface NoteType {
  readonly system: string;
  readonly code: string;
  readonly display: string;
}

/** The site's say on the clinical-note DocumentReference a save writes (used by the write plan). */
export interface ClinicalNoteConfig {
  /** False: never write the note, even where DocumentReference create is allowed. */
  readonly enabled?: boolean;
  /** Replaces the default note type (LOINC 11506-3 Progress note). */
  readonly type?: NoteType;
}

export interface IssuerConfig {
  /** The FHIR base URL the EHR sends as `iss`. */
  readonly iss: string;
  readonly clientId: string;
  /** Overrides the scopes PeerBridge asks for (space separated). */
  readonly scope?: string;
  /** Overrides the redirect URI (default: the app page next to the launch page). */
  readonly redirectUri?: string;
  /** A name for people, e.g. "Epic production". */
  readonly label?: string;
  /** PractitionerRole codes or specialties (or Practitioner qualifications) this site uses for peers. */
  readonly peerRoleCodes?: readonly RoleCode[];
  /** fhirUser references (`Practitioner/123`) or their full URLs of people who are peers here. */
  readonly peerUsers?: readonly string[];
  /** Codes this site uses for peer support supervisors (same places as peerRoleCodes). */
  readonly supervisorRoleCodes?: readonly RoleCode[];
  /** fhirUser references (`Practitioner/123`) or their full URLs of people who supervise peers here. */
  readonly supervisorUsers?: readonly string[];
  readonly clinicalNote?: ClinicalNoteConfig;
  /** False: write no structured resources (Encounter, Observations, ...), only the note. */
  readonly structuredRecord?: boolean;
  /** The peer programme: its billing modifier and whether every note is a Part 2 record. */
  readonly program?: ProgramConfig;
}

export interface RuntimeConfig {
  readonly issuers: readonly IssuerConfig[];
}

export class RuntimeConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuntimeConfigError';
  }
}

function optionalString(entry: Record<string, unknown>, key: string, path: string): string | undefined {
  const value = entry[key];
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string' || value.trim() === '') {
    throw new RuntimeConfigError(`${path}.${key} must be a non-empty string when present.`);
  }
  return value;
}

function requiredUrl(entry: Record<string, unknown>, key: string, path: string): string {
  const value = entry[key];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new RuntimeConfigError(`${path}.${key} is missing: it must be an absolute https URL.`);
  }
  assertUrl(value, `${path}.${key}`);
  return value;
}

function assertUrl(value: string, path: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new RuntimeConfigError(`${path} is not a URL: "${value}".`);
  }
  const isLoopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback)) {
    throw new RuntimeConfigError(
      `${path} must use https (plain http is allowed only on localhost): "${value}".`,
    );
  }
}

function assertKnownKeys(entry: Record<string, unknown>, known: ReadonlySet<string>, path: string): void {
  const unknownKey = Object.keys(entry).find((key) => !known.has(key));
  if (unknownKey !== undefined) {
    throw new RuntimeConfigError(
      `${path}.${unknownKey} is not a known setting (known: ${[...known].join(', ')}).`,
    );
  }
}

function optionalBoolean(entry: Record<string, unknown>, key: string, path: string): boolean | undefined {
  const value = entry[key];
  if (value !== undefined && typeof value !== 'boolean') {
    throw new RuntimeConfigError(`${path}.${key} must be true or false when present.`);
  }
  return value;
}

function requiredString(entry: Record<string, unknown>, key: string, path: string, what: string): string {
  const value = entry[key];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new RuntimeConfigError(`${path}.${key} is missing: ${what}.`);
  }
  return value;
}

function optionalList(entry: Record<string, unknown>, key: string, path: string): unknown[] | undefined {
  const value = entry[key];
  if (value === undefined) {
    return undefined;
  }
  if (!Array.isArray(value)) {
    throw new RuntimeConfigError(`${path}.${key} must be a list when present.`);
  }
  return value as unknown[];
}

const CODE_KEYS = new Set(['system', 'code']);
const NOTE_TYPE_KEYS = new Set(['system', 'code', 'display']);
const CLINICAL_NOTE_KEYS = new Set(['enabled', 'type']);

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

function clinicalNote(value: unknown, path: string): ClinicalNoteConfig {
  if (!isRecord(value)) {
    throw new RuntimeConfigError(`${path} must be an object such as { "enabled": true }.`);
  }
  assertKnownKeys(value, CLINICAL_NOTE_KEYS, path);
  const enabled = optionalBoolean(value, 'enabled', path);
  const type: unknown = value.type;
  if (type !== undefined && !isRecord(type)) {
    throw new RuntimeConfigError(`${path}.type must be an object with system, code and display.`);
  }
  let noteType: NoteType | undefined;
  if (isRecord(type)) {
    const typePath = `${path}.type`;
    assertKnownKeys(type, NOTE_TYPE_KEYS, typePath);
    noteType = {
      system: requiredString(type, 'system', typePath, 'the code system URL, e.g. http://loinc.org'),
      code: requiredString(type, 'code', typePath, 'the note type code'),
      display: requiredString(type, 'display', typePath, 'the note type as people read it'),
    };
  }
  return {
    ...(enabled === undefined ? {} : { enabled }),
    ...(noteType ? { type: noteType } : {}),
  };
}

/** The optional per-issuer settings about peers and writes. */
function siteSettings(entry: Record<string, unknown>, path: string): Partial<IssuerConfig> {
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
  const note =
    entry.clinicalNote === undefined ? undefined : clinicalNote(entry.clinicalNote, `${path}.clinicalNote`);
  const structuredRecord = optionalBoolean(entry, 'structuredRecord', path);
  const program =
    entry.program === undefined
      ? undefined
      : parseProgramConfig(entry.program, `${path}.program`, (message) => new RuntimeConfigError(message));
  return {
    ...(program ? { program } : {}),
    ...(codes ? { peerRoleCodes: codes } : {}),
    ...(users ? { peerUsers: users } : {}),
    ...(supervisorCodes ? { supervisorRoleCodes: supervisorCodes } : {}),
    ...(supervisors ? { supervisorUsers: supervisors } : {}),
    ...(note ? { clinicalNote: note } : {}),
    ...(structuredRecord === undefined ? {} : { structuredRecord }),
  };
}

const KNOWN_ISSUER_KEYS = new Set([
  'iss',
  'clientId',
  'scope',
  'redirectUri',
  'label',
  'peerRoleCodes',
  'peerUsers',
  'supervisorRoleCodes',
  'supervisorUsers',
  'clinicalNote',
  'structuredRecord',
  'program',
]);

/** Validates the parsed JSON; throws a RuntimeConfigError naming the bad key. */
export function parseRuntimeConfig(json: unknown): RuntimeConfig {
  if (!isRecord(json)) {
    throw new RuntimeConfigError('The configuration must be a JSON object with an "issuers" list.');
  }
  const issuers = json.issuers;
  if (!Array.isArray(issuers)) {
    throw new RuntimeConfigError('"issuers" is missing or is not a list.');
  }
  const seen = new Set<string>();
  const parsed = issuers.map((entry: unknown, index): IssuerConfig => {
    const path = `issuers[${index}]`;
    if (!isRecord(entry)) {
      throw new RuntimeConfigError(`${path} must be an object.`);
    }
    assertKnownKeys(entry, KNOWN_ISSUER_KEYS, path);
    const iss = requiredUrl(entry, 'iss', path);
    const clientId = entry.clientId;
    if (typeof clientId !== 'string' || clientId.trim() === '') {
      throw new RuntimeConfigError(`${path}.clientId is missing: use the client id the EHR issued.`);
    }
    const normalized = normalizeIssuer(iss);
    if (seen.has(normalized)) {
      throw new RuntimeConfigError(`${path}.iss repeats an issuer listed earlier: "${iss}".`);
    }
    seen.add(normalized);
    const scope = optionalString(entry, 'scope', path);
    const redirectUri = optionalString(entry, 'redirectUri', path);
    if (redirectUri !== undefined) {
      assertUrl(redirectUri, `${path}.redirectUri`);
    }
    const label = optionalString(entry, 'label', path);
    return {
      iss,
      clientId,
      ...(scope === undefined ? {} : { scope }),
      ...(redirectUri === undefined ? {} : { redirectUri }),
      ...(label === undefined ? {} : { label }),
      ...siteSettings(entry, path),
    };
  });
  return { issuers: parsed };
}

/** Scheme and host compare case-insensitively; the path exactly, without trailing slashes. */
export function normalizeIssuer(iss: string): string {
  try {
    const url = new URL(iss);
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return iss.replace(/\/+$/, '');
  }
}

export function findIssuer(config: RuntimeConfig, iss: string): IssuerConfig | undefined {
  const wanted = normalizeIssuer(iss);
  return config.issuers.find((issuer) => normalizeIssuer(issuer.iss) === wanted);
}

/** What the app page needs from the launching issuer's entry; the defaults when there is none. */
export interface IssuerOptions {
  readonly peerRecognition: PeerRecognition;
  /** As configured; absent means the write plan decides from what the server accepts. */
  readonly clinicalNote?: ClinicalNoteConfig;
  /** As configured; absent means the write plan decides from what the server accepts. */
  readonly structuredRecord?: boolean;
  /** As configured; absent means no programme modifier and privacy chosen per note. */
  readonly program?: ProgramConfig;
}

export const DEFAULT_ISSUER_OPTIONS: IssuerOptions = { peerRecognition: { roleCodes: [], users: [] } };

export function issuerOptions(issuer: IssuerConfig | undefined): IssuerOptions {
  if (!issuer) {
    return DEFAULT_ISSUER_OPTIONS;
  }
  return {
    peerRecognition: {
      roleCodes: issuer.peerRoleCodes ?? [],
      users: issuer.peerUsers ?? [],
      ...(issuer.supervisorRoleCodes ? { supervisorRoleCodes: issuer.supervisorRoleCodes } : {}),
      ...(issuer.supervisorUsers ? { supervisorUsers: issuer.supervisorUsers } : {}),
    },
    ...(issuer.clinicalNote ? { clinicalNote: issuer.clinicalNote } : {}),
    ...(issuer.structuredRecord === undefined ? {} : { structuredRecord: issuer.structuredRecord }),
    ...(issuer.program ? { program: issuer.program } : {}),
  };
}

/** The file's name, next to the app page (`index.html`) and one folder above the launch page. */
export const RUNTIME_CONFIG_FILE = 'peerbridge.config.json';
