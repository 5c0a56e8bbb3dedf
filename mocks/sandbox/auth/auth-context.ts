import type { ClientRegistry } from './client-registry';
import type { ExpiringStore } from './expiring-store';
import type { Grant, IssuedCode, SignInTransaction, StoredLaunch } from './grant-state';
import type { TokenIssuer } from './tokens';
import type { AuthEndpoints, AuthServerOptions, SandboxUser } from './types';

/** Lifetimes, in milliseconds. */
export const LAUNCH_TTL_MS = 10 * 60 * 1000;
export const SIGN_IN_TTL_MS = 10 * 60 * 1000;
/** Authorization codes are short-lived (RFC 6749 §4.1.2 recommends at most 10 minutes). */
export const CODE_TTL_MS = 60 * 1000;
export const OFFLINE_REFRESH_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** online_access lasts "while the user is online"; the sandbox models a working day. */
export const ONLINE_REFRESH_TTL_MS = 8 * 60 * 60 * 1000;

/** Everything the endpoints share: the configuration and the in-memory records of authorizations. */
export interface AuthContext extends TokenIssuer {
  readonly clients: ClientRegistry;
  readonly users: ReadonlyMap<string, SandboxUser>;
  readonly launches: ExpiringStore<StoredLaunch>;
  readonly transactions: ExpiringStore<SignInTransaction>;
  readonly codes: ExpiringStore<IssuedCode>;
  readonly refreshTokens: ExpiringStore<Grant>;
  /** Grant ids whose tokens must no longer work. */
  readonly revokedGrants: ExpiringStore<true>;
  readonly defaultAccessTokenTtlSeconds: number;
  readonly smartStyleUrl: string | undefined;
  readonly endpoints: AuthEndpoints;
  readonly listPatients: AuthServerOptions['listPatients'];
  readonly scopeRules: AuthServerOptions['scopeRules'];
}
