import type { RegisteredClient } from './client-registry';
import type { SandboxUser } from './types';

/**
 * The server-side records of one authorization, from the EHR's launch to the last refresh. Kept in memory
 * (a restart signs everyone out, as an EHR deploy might); only clients and the key persist.
 */

export interface StoredLaunch {
  readonly user: SandboxUser;
  /** The client the EHR launched; any other client presenting the id is refused. */
  readonly clientId: string;
  readonly patient?: string;
  readonly encounter?: string;
  readonly tokenTtlSeconds?: number;
}

/** A validated authorization request waiting for the user (standalone) or the launch (EHR). */
export interface PendingAuthorization {
  readonly client: RegisteredClient;
  readonly redirectUri: string;
  readonly state: string;
  readonly codeChallenge: string;
  /** Requested scopes, each already known to be well formed. */
  readonly scopes: readonly string[];
  readonly nonce?: string;
  readonly launch?: StoredLaunch;
}

/** A standalone sign-in in progress, carried between pages by a random id in a hidden form field. */
export interface SignInTransaction {
  readonly pending: PendingAuthorization;
  readonly step: 'sign-in' | 'patient' | 'consent';
  readonly user?: SandboxUser;
  readonly patient?: string;
  readonly patientName?: string;
}

/** What was granted: every code, access token and refresh token of one authorization carries it. */
export interface Grant {
  /** Identifies the whole family of tokens, so reuse of the code can revoke all of them. */
  readonly grantId: string;
  readonly clientId: string;
  /** Granted scopes, space separated. */
  readonly scope: string;
  readonly user: SandboxUser;
  readonly patient?: string;
  readonly encounter?: string;
  /** False after an EHR launch: the EHR already shows its own banner around the app. */
  readonly needPatientBanner: boolean;
  readonly accessTokenTtlSeconds: number;
  readonly nonce?: string;
  /** Seconds since the epoch. */
  readonly authTime: number;
}

export interface IssuedCode {
  readonly redirectUri: string;
  readonly codeChallenge: string;
  readonly grant: Grant;
  /** Set when the code is exchanged; a second exchange finds it and revokes the grant. */
  redeemed: boolean;
}
