import { SignJWT, errors, jwtVerify } from 'jose';
import type { JWTPayload } from 'jose';
import type { TokenCheck, VerifyAccessToken } from '../access-grant';
import { parseScopes } from '../smart-scopes';
import type { Grant } from './grant-state';
import { randomToken } from './random-token';
import type { SigningKey } from './signing-key';
import { SIGNING_ALGORITHM } from './signing-key';
import { splitScopes } from './scope-policy';

/** RFC 9068 media type of JWT access tokens; checked on the way in so an id_token is never accepted. */
const ACCESS_TOKEN_TYPE = 'at+jwt';

export interface TokenIssuer {
  readonly key: SigningKey;
  /** The authorization server's issuer, e.g. `http://localhost:4010/auth`. */
  readonly issuer: string;
  readonly fhirBaseUrl: string;
  readonly now: () => number;
}

export async function signAccessToken(
  issuer: TokenIssuer,
  grant: Grant,
  scope: string,
): Promise<{ token: string; expiresIn: number }> {
  const issuedAt = Math.floor(issuer.now() / 1000);
  const expiresIn = grant.accessTokenTtlSeconds;
  const claims: JWTPayload = {
    client_id: grant.clientId,
    scope,
    fhirUser: grant.user.fhirUser,
    grant_id: grant.grantId,
  };
  if (grant.patient !== undefined) {
    claims.patient = grant.patient;
  }
  if (grant.encounter !== undefined) {
    claims.encounter = grant.encounter;
  }
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: SIGNING_ALGORITHM, typ: ACCESS_TOKEN_TYPE, kid: issuer.key.kid })
    .setIssuer(issuer.issuer)
    .setSubject(grant.user.username)
    .setAudience(issuer.fhirBaseUrl)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + expiresIn)
    .setJti(randomToken(16))
    .sign(issuer.key.privateKey);
  return { token, expiresIn };
}

/** The OpenID Connect id_token; `fhirUser` is absolute, as SMART requires of that claim. */
export async function signIdToken(issuer: TokenIssuer, grant: Grant): Promise<string> {
  const issuedAt = Math.floor(issuer.now() / 1000);
  const scopes = splitScopes(grant.scope);
  const claims: JWTPayload = { auth_time: grant.authTime };
  if (grant.nonce !== undefined) {
    claims.nonce = grant.nonce;
  }
  if (scopes.includes('fhirUser')) {
    claims.fhirUser = `${issuer.fhirBaseUrl}/${grant.user.fhirUser}`;
  }
  if (scopes.includes('profile')) {
    claims.name = grant.user.displayName;
  }
  return new SignJWT(claims)
    .setProtectedHeader({ alg: SIGNING_ALGORITHM, typ: 'JWT', kid: issuer.key.kid })
    .setIssuer(issuer.issuer)
    .setSubject(grant.user.username)
    .setAudience(grant.clientId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + 3600)
    .sign(issuer.key.privateKey);
}

const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/**
 * Checks an Authorization header the way the FHIR API needs: signature, issuer, audience, type and
 * expiry, then whether the grant was revoked (an authorization code was replayed).
 */
export function createAccessTokenVerifier(
  issuer: TokenIssuer,
  isRevoked: (grantId: string) => boolean,
): VerifyAccessToken {
  return async (authorizationHeader) => {
    if (authorizationHeader === undefined || authorizationHeader.trim() === '') {
      return denied('missing', 'No Authorization header; send "Authorization: Bearer <access token>".');
    }
    const match = BEARER.exec(authorizationHeader);
    const token = match?.[1];
    if (token === undefined) {
      return denied('invalid', 'The Authorization header is not a Bearer token.');
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, issuer.key.publicKey, {
        issuer: issuer.issuer,
        audience: issuer.fhirBaseUrl,
        algorithms: [SIGNING_ALGORITHM],
        typ: ACCESS_TOKEN_TYPE,
        requiredClaims: ['exp', 'iat', 'sub', 'jti'],
        currentDate: new Date(issuer.now()),
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) {
        return denied('expired', 'The access token has expired; refresh it or launch the app again.');
      }
      return denied('invalid', 'The access token is not one this server issued for this FHIR endpoint.');
    }
    const { client_id: clientId, scope, patient, encounter, fhirUser, grant_id: grantId, exp } = payload;
    if (
      typeof clientId !== 'string' ||
      typeof scope !== 'string' ||
      typeof grantId !== 'string' ||
      typeof exp !== 'number' ||
      !isOptionalString(patient) ||
      !isOptionalString(encounter) ||
      !isOptionalString(fhirUser)
    ) {
      return denied('invalid', 'The access token lacks the claims this server puts in every token.');
    }
    if (isRevoked(grantId)) {
      return denied('invalid', 'The access token was revoked because its authorization code was reused.');
    }
    return {
      ok: true,
      grant: {
        clientId,
        scope,
        resourceScopes: parseScopes(scope),
        patient,
        encounter,
        fhirUser,
        expiresAt: exp,
      },
    };
  };
}

function denied(reason: 'missing' | 'invalid' | 'expired', message: string): TokenCheck {
  return { ok: false, reason, message };
}

function isOptionalString(value: unknown): value is string | undefined {
  return value === undefined || typeof value === 'string';
}
