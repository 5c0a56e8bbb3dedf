/** One issuer's entry in the runtime configuration, how issuers compare, and what the app page takes from an entry. */
import type { ProgramConfig } from './program-config';
import type { ClinicalNoteConfig } from './runtime-config-clinical-note';
import type { PeerRecognition, RoleCode } from './user-role';

/** One EHR issuer that may launch PeerBridge, as the site configured it. */
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
  /** The programme's own crisis protocol, plain text, shown with the 988 Lifeline at a safety answer. */
  readonly crisisProtocol?: string;
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

/** What the app page needs from the launching issuer's entry; the defaults when there is none. */
export interface IssuerOptions {
  readonly peerRecognition: PeerRecognition;
  /** As configured; absent means the write plan decides from what the server accepts. */
  readonly clinicalNote?: ClinicalNoteConfig;
  /** As configured; absent means the write plan decides from what the server accepts. */
  readonly structuredRecord?: boolean;
  /** As configured; absent means no programme modifier and privacy chosen per note. */
  readonly program?: ProgramConfig;
  /** As configured; absent means the form shows DEFAULT_CRISIS_PROTOCOL. */
  readonly crisisProtocol?: string;
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
    ...(issuer.crisisProtocol ? { crisisProtocol: issuer.crisisProtocol } : {}),
  };
}
