import type { ResourceScope } from './smart-scopes';

/** What a valid access token lets its bearer do, as the FHIR API needs to know it. */
export interface AccessGrant {
  readonly clientId: string;
  /** Every scope in the token, as granted. */
  readonly scope: string;
  readonly resourceScopes: readonly ResourceScope[];
  /** Patient id (not reference) in the launch context, required when any patient/ scope was granted. */
  readonly patient?: string;
  readonly encounter?: string;
  /** Absolute or relative reference of the signed-in user, e.g. `Practitioner/pr-alex-rivera`. */
  readonly fhirUser?: string;
  /** Seconds since the epoch. */
  readonly expiresAt: number;
}

export type TokenCheck =
  | { readonly ok: true; readonly grant: AccessGrant }
  | { readonly ok: false; readonly reason: 'missing' | 'invalid' | 'expired'; readonly message: string };

export type VerifyAccessToken = (authorizationHeader: string | undefined) => Promise<TokenCheck>;
