import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http';
import type { AuthContext } from './auth-context';
import { OFFLINE_REFRESH_TTL_MS, ONLINE_REFRESH_TTL_MS } from './auth-context';
import type { RegisteredClient } from './client-registry';
import type { Grant } from './grant-state';
import { sendTokenError, singleValuedParams } from './oauth-errors';
import { verifierMatchesChallenge } from './pkce';
import { randomToken } from './random-token';
import { readUrlEncodedForm, refusedUnlessPost } from './responses';
import { grantsRefresh, splitScopes } from './scope-policy';
import { signAccessToken, signIdToken } from './tokens';

type Params = (name: string) => string | undefined;

/**
 * POST /auth/token for public clients: authorization_code (with PKCE) and refresh_token.
 * https://hl7.org/fhir/smart-app-launch/app-launch.html#obtain-access-token
 */
export async function handleToken(
  context: AuthContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (refusedUnlessPost(req, res, 'token')) {
    return;
  }
  const form = await readUrlEncodedForm(req);
  if (!form) {
    sendTokenError(res, 'invalid_request', 'The body must be application/x-www-form-urlencoded.');
    return;
  }
  const single = singleValuedParams(form);
  if (!single.ok) {
    sendTokenError(res, 'invalid_request', `The ${single.repeated} parameter is repeated.`);
    return;
  }
  const get = single.get;

  const client = authenticatePublicClient(context, req, res, get);
  if (!client) {
    return;
  }
  const grantType = get('grant_type');
  switch (grantType) {
    case 'authorization_code':
      await exchangeCode(context, res, client, get);
      return;
    case 'refresh_token':
      await refresh(context, res, client, get);
      return;
    case undefined:
      sendTokenError(res, 'invalid_request', 'grant_type is required.');
      return;
    default:
      sendTokenError(res, 'unsupported_grant_type', `grant_type "${grantType}" is not supported.`);
  }
}

/** Public clients identify themselves with client_id alone; any attempt at a secret is refused. */
function authenticatePublicClient(
  context: AuthContext,
  req: IncomingMessage,
  res: ServerResponse,
  get: Params,
): RegisteredClient | undefined {
  if (req.headers.authorization !== undefined || get('client_secret') !== undefined) {
    sendTokenError(
      res,
      'invalid_client',
      'Only public clients are supported; send client_id without a secret.',
    );
    return undefined;
  }
  if (get('client_assertion') !== undefined) {
    sendTokenError(
      res,
      'invalid_client',
      'Client assertions are not supported; this server has public clients.',
    );
    return undefined;
  }
  const clientId = get('client_id');
  if (clientId === undefined) {
    sendTokenError(res, 'invalid_request', 'client_id is required for public clients.');
    return undefined;
  }
  const client = context.clients.find(clientId);
  if (!client) {
    sendTokenError(res, 'invalid_client', `No client is registered with client_id "${clientId}".`);
    return undefined;
  }
  return client;
}

async function exchangeCode(
  context: AuthContext,
  res: ServerResponse,
  client: RegisteredClient,
  get: Params,
): Promise<void> {
  const code = get('code');
  const redirectUri = get('redirect_uri');
  const verifier = get('code_verifier');
  if (code === undefined || redirectUri === undefined || verifier === undefined) {
    sendTokenError(res, 'invalid_request', 'code, redirect_uri and code_verifier are all required.');
    return;
  }
  const issued = context.codes.get(code);
  if (!issued) {
    sendTokenError(
      res,
      'invalid_grant',
      'The authorization code is unknown or expired (codes last 60 seconds).',
    );
    return;
  }
  if (issued.redeemed) {
    // RFC 6749 §4.1.2: a replayed code may mean it leaked, so revoke everything it produced.
    context.revokedGrants.set(issued.grant.grantId, true, OFFLINE_REFRESH_TTL_MS);
    sendTokenError(res, 'invalid_grant', 'The authorization code was already used; its tokens are revoked.');
    return;
  }
  // One attempt per code: a wrong verifier burns it, so a stolen code cannot be brute-forced.
  issued.redeemed = true;
  if (issued.grant.clientId !== client.clientId) {
    sendTokenError(res, 'invalid_grant', 'The authorization code was issued to another client.');
    return;
  }
  if (issued.redirectUri !== redirectUri) {
    sendTokenError(
      res,
      'invalid_grant',
      'redirect_uri does not match the one sent to the authorize endpoint.',
    );
    return;
  }
  if (!verifierMatchesChallenge(verifier, issued.codeChallenge)) {
    sendTokenError(res, 'invalid_grant', 'code_verifier does not match the code_challenge (PKCE S256).');
    return;
  }
  await sendTokens(context, res, issued.grant, issued.grant.scope, true);
}

async function refresh(
  context: AuthContext,
  res: ServerResponse,
  client: RegisteredClient,
  get: Params,
): Promise<void> {
  const refreshToken = get('refresh_token');
  if (refreshToken === undefined) {
    sendTokenError(res, 'invalid_request', 'refresh_token is required.');
    return;
  }
  const grant = context.refreshTokens.get(refreshToken);
  if (!grant || context.revokedGrants.get(grant.grantId)) {
    sendTokenError(res, 'invalid_grant', 'The refresh token is unknown, expired, revoked or already used.');
    return;
  }
  if (grant.clientId !== client.clientId) {
    sendTokenError(res, 'invalid_grant', 'The refresh token was issued to another client.');
    return;
  }
  let scope = grant.scope;
  const requested = get('scope');
  if (requested !== undefined) {
    const granted = new Set(splitScopes(grant.scope));
    const outside = splitScopes(requested).find((item) => !granted.has(item));
    if (outside !== undefined) {
      sendTokenError(res, 'invalid_scope', `Scope "${outside}" was not part of the original grant.`);
      return;
    }
    scope = splitScopes(requested).join(' ');
  }
  // Refresh tokens rotate: the old one stops working once a new one is issued.
  context.refreshTokens.delete(refreshToken);
  await sendTokens(context, res, { ...grant, scope }, scope, false);
}

async function sendTokens(
  context: AuthContext,
  res: ServerResponse,
  grant: Grant,
  scope: string,
  withIdToken: boolean,
): Promise<void> {
  const { token, expiresIn } = await signAccessToken(context, grant, scope);
  const body: Record<string, unknown> = {
    access_token: token,
    token_type: 'Bearer',
    expires_in: expiresIn,
    scope,
    need_patient_banner: grant.needPatientBanner,
  };
  if (grant.patient !== undefined) {
    body.patient = grant.patient;
  }
  if (grant.encounter !== undefined) {
    body.encounter = grant.encounter;
  }
  if (context.smartStyleUrl !== undefined) {
    body.smart_style_url = context.smartStyleUrl;
  }
  const scopes = splitScopes(scope);
  if (withIdToken && scopes.includes('openid')) {
    body.id_token = await signIdToken(context, grant);
  }
  if (grantsRefresh(scope)) {
    const refreshToken = randomToken();
    const ttl = scopes.includes('offline_access') ? OFFLINE_REFRESH_TTL_MS : ONLINE_REFRESH_TTL_MS;
    context.refreshTokens.set(refreshToken, grant, ttl);
    body.refresh_token = refreshToken;
  }
  sendJson(res, 200, body, { Pragma: 'no-cache' });
}
