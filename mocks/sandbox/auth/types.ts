import type { VerifyAccessToken } from '../access-grant';
import type { RouteHandler } from '../http';
import type { ScopeRules } from '../smart-scopes';

/** A person who can sign in to the sandbox EHR and its authorization server. */
export interface SandboxUser {
  username: string;
  /** Synthetic and shown on the sign-in pages: this is a sandbox, not a secret store. */
  password: string;
  displayName: string;
  /** Relative reference, e.g. `Practitioner/pr-alex-rivera`. */
  fhirUser: string;
}

/** A pre-registered public client (no secret: SMART "client-public"). */
export interface SandboxClient {
  clientId: string;
  /** Exact-match list: the authorize endpoint never redirects anywhere else. */
  redirectUris: string[];
  clientName?: string;
}

/** What the EHR knows when it launches an app: who is signed in, and which chart is open. */
export interface LaunchContext {
  /** A `SandboxUser.username`. */
  userName: string;
  /** The app the EHR launches: only this client may redeem the launch id. */
  clientId: string;
  /** Patient id (not reference). */
  patient?: string;
  encounter?: string;
  /** Overrides the access token lifetime, e.g. 3 s so a browser test can watch the app refresh. */
  tokenTtlSeconds?: number;
}

export interface AuthServerOptions {
  /** The EHR origin, e.g. `http://localhost:4010`; endpoints live at `${origin}/auth/...`. */
  origin: string;
  /** E.g. `http://localhost:4010/fhir`: the only `aud` the server accepts. */
  fhirBaseUrl: string;
  users: SandboxUser[];
  clients: SandboxClient[];
  /** For the standalone-launch patient picker. */
  listPatients(): Promise<Array<{ id: string; name: string; birthDate?: string }>>;
  /** Where dynamically registered clients and the signing key persist as JSON. */
  dataDir: string;
  /** Default 3600. */
  accessTokenTtlSeconds?: number;
  smartStyleUrl?: string;
  /** Milliseconds since the epoch; tests pass a fake clock to reach expiry without sleeping. */
  now?: () => number;
  /** The EHR's scope syntax (a vendor personality's); default SMART v1 and v2, wildcards allowed. */
  scopeRules?: ScopeRules;
  /** Reshapes the SMART discovery document as a vendor publishes it; default as built. */
  discovery?: (built: Record<string, unknown>) => Record<string, unknown>;
}

export interface AuthEndpoints {
  authorize: string;
  token: string;
  register: string;
  jwks: string;
  introspect?: string;
  revoke?: string;
}

export interface AuthServer {
  /** Answers `/auth/*` and `${FHIR base path}/.well-known/smart-configuration`. */
  handle: RouteHandler;
  verifyAccessToken: VerifyAccessToken;
  /**
   * Returns an opaque, unguessable launch id valid for 10 minutes, for one authorize request by the
   * launched client (as Epic's launch tokens are). Throws LaunchContextError for an unknown user or a
   * bad token lifetime.
   */
  createLaunch(context: LaunchContext): string;
  smartConfiguration(): Record<string, unknown>;
  endpoints: AuthEndpoints;
}
