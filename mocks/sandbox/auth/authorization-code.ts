import type { AuthContext } from './auth-context';
import { CODE_TTL_MS } from './auth-context';
import type { Grant, PendingAuthorization } from './grant-state';
import { codeRedirectUrl } from './oauth-errors';
import { randomToken } from './random-token';
import { grantScopes } from './scope-policy';
import type { SandboxUser } from './types';

export interface Approval {
  readonly user: SandboxUser;
  readonly patient?: string;
  readonly encounter?: string;
  readonly ehrLaunch: boolean;
  readonly accessTokenTtlSeconds?: number;
}

/** Records the approved grant under a fresh single-use code and returns where to send the browser. */
export function issueAuthorizationCode(
  context: AuthContext,
  pending: PendingAuthorization,
  approval: Approval,
): string {
  const scopes = grantScopes(pending.scopes, {
    ehrLaunch: approval.ehrLaunch,
    patient: approval.patient,
    encounter: approval.encounter,
    clientMayRefresh: pending.client.grantTypes.includes('refresh_token'),
  });
  const grant: Grant = {
    grantId: randomToken(16),
    clientId: pending.client.clientId,
    scope: scopes.join(' '),
    user: approval.user,
    patient: approval.patient,
    encounter: approval.encounter,
    needPatientBanner: !approval.ehrLaunch,
    accessTokenTtlSeconds: approval.accessTokenTtlSeconds ?? context.defaultAccessTokenTtlSeconds,
    nonce: pending.nonce,
    authTime: Math.floor(context.now() / 1000),
  };
  const code = randomToken();
  context.codes.set(
    code,
    { redirectUri: pending.redirectUri, codeChallenge: pending.codeChallenge, grant, redeemed: false },
    CODE_TTL_MS,
  );
  return codeRedirectUrl(pending.redirectUri, code, pending.state);
}
