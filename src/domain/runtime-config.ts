/**
 * The runtime configuration IT deploys next to the static files (`peerbridge.config.json`): which EHR
 * issuers may launch PeerBridge, the client id each one registered it under, and per issuer how its
 * peers are recognised and what a save may write. Changed without a rebuild; validated on every launch
 * (and read again by the app page) so that a typo is named, not guessed at. Pure: the launch page and
 * the app page fetch the file, this module only reads it. Beside it: runtime-config-issuer (an entry and
 * the options the app takes from it), -recognition, -clinical-note, -crisis-protocol, -fields (reading one
 * setting).
 */
import { isRecord } from './guards';
import { parseProgramConfig } from './program-config';
import { clinicalNote } from './runtime-config-clinical-note';
import { crisisProtocolSetting } from './runtime-config-crisis-protocol';
import {
  assertKnownKeys,
  assertUrl,
  optionalBoolean,
  optionalString,
  requiredUrl,
  RuntimeConfigError,
} from './runtime-config-fields';
import { normalizeIssuer, type IssuerConfig } from './runtime-config-issuer';
import { recognitionSettings } from './runtime-config-recognition';

export interface RuntimeConfig {
  readonly issuers: readonly IssuerConfig[];
}

/** The optional per-issuer settings about peers and writes. */
function siteSettings(entry: Record<string, unknown>, path: string): Partial<IssuerConfig> {
  const recognition = recognitionSettings(entry, path);
  const note =
    entry.clinicalNote === undefined ? undefined : clinicalNote(entry.clinicalNote, `${path}.clinicalNote`);
  const structuredRecord = optionalBoolean(entry, 'structuredRecord', path);
  const program =
    entry.program === undefined
      ? undefined
      : parseProgramConfig(entry.program, `${path}.program`, (message) => new RuntimeConfigError(message));
  const crisisProtocol = crisisProtocolSetting(entry, path);
  return {
    ...(program ? { program } : {}),
    ...(crisisProtocol === undefined ? {} : { crisisProtocol }),
    ...recognition,
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
  'crisisProtocol',
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

export function findIssuer(config: RuntimeConfig, iss: string): IssuerConfig | undefined {
  const wanted = normalizeIssuer(iss);
  return config.issuers.find((issuer) => normalizeIssuer(issuer.iss) === wanted);
}

/** The file's name, next to the app page (`index.html`) and one folder above the launch page. */
export const RUNTIME_CONFIG_FILE = 'peerbridge.config.json';
