import type { ClientRegistry } from './client-registry';
import type { PendingAuthorization, StoredLaunch } from './grant-state';
import type { AuthorizationErrorCode } from './oauth-errors';
import { singleValuedParams } from './oauth-errors';
import { isS256Challenge } from './pkce';
import type { ScopeRules } from '../smart-scopes';
import { checkRequestedScopes } from './scope-policy';

export type AuthorizationCheck =
  | { readonly kind: 'ok'; readonly pending: PendingAuthorization }
  /** The client or redirect_uri cannot be trusted: show the error, never redirect (RFC 6749 §4.1.2.1). */
  | { readonly kind: 'error-page'; readonly message: string }
  | {
      readonly kind: 'error-redirect';
      readonly redirectUri: string;
      readonly state: string | undefined;
      readonly error: AuthorizationErrorCode;
      readonly description: string;
    };

export interface AuthorizationCheckDeps {
  readonly clients: ClientRegistry;
  readonly fhirBaseUrl: string;
  /** The EHR's scope syntax rules; undefined accepts SMART v1 and v2. */
  readonly scopeRules?: ScopeRules | undefined;
  /** Returns the launch and forgets it: a launch id serves one authorize request. */
  takeLaunch(id: string): StoredLaunch | undefined;
}

/**
 * Validates an authorization request as strictly as a production EHR would, so an app that passes here
 * does not fail on its first real server. https://hl7.org/fhir/smart-app-launch/app-launch.html#obtain-authorization-code
 */
export function checkAuthorizationRequest(
  params: URLSearchParams,
  deps: AuthorizationCheckDeps,
): AuthorizationCheck {
  const single = singleValuedParams(params);
  if (!single.ok && (single.repeated === 'client_id' || single.repeated === 'redirect_uri')) {
    return { kind: 'error-page', message: `The request repeats the ${single.repeated} parameter.` };
  }
  const get = (name: string): string | undefined => params.get(name) || undefined;

  const clientId = get('client_id');
  if (clientId === undefined) {
    return { kind: 'error-page', message: 'The request has no client_id.' };
  }
  const client = deps.clients.find(clientId);
  if (!client) {
    return { kind: 'error-page', message: `No app is registered with client_id "${clientId}".` };
  }
  const redirectUri = get('redirect_uri');
  if (redirectUri === undefined) {
    return { kind: 'error-page', message: 'The request has no redirect_uri.' };
  }
  if (!client.redirectUris.includes(redirectUri)) {
    return {
      kind: 'error-page',
      message: `The redirect_uri "${redirectUri}" is not one registered for this app; it must match exactly.`,
    };
  }

  // From here on the redirect_uri is trusted, so errors go back to the app.
  const state = get('state');
  const fail = (error: AuthorizationErrorCode, description: string): AuthorizationCheck => ({
    kind: 'error-redirect',
    redirectUri,
    state,
    error,
    description,
  });
  if (!single.ok) {
    return fail('invalid_request', `The ${single.repeated} parameter is repeated.`);
  }

  const responseType = get('response_type');
  if (responseType === undefined) {
    return fail('invalid_request', 'response_type is required and must be "code".');
  }
  if (responseType !== 'code') {
    return fail('unsupported_response_type', `response_type "${responseType}" is not supported; use "code".`);
  }
  if (state === undefined) {
    return fail('invalid_request', 'state is required: SMART apps must send an unpredictable state.');
  }

  const aud = get('aud');
  if (aud === undefined) {
    return fail('invalid_request', `aud is required and must be the FHIR base URL ${deps.fhirBaseUrl}.`);
  }
  if (withoutTrailingSlash(aud) !== deps.fhirBaseUrl) {
    return fail('invalid_request', `aud mismatch: expected ${deps.fhirBaseUrl}, got ${aud}.`);
  }

  const codeChallenge = get('code_challenge');
  const method = get('code_challenge_method');
  if (codeChallenge === undefined) {
    return fail('invalid_request', 'PKCE is required: send code_challenge with code_challenge_method=S256.');
  }
  if (method !== 'S256') {
    return fail('invalid_request', `code_challenge_method must be S256 (got ${method ?? 'none'}).`);
  }
  if (!isS256Challenge(codeChallenge)) {
    return fail(
      'invalid_request',
      'code_challenge must be the 43-character base64url SHA-256 of the verifier.',
    );
  }

  const scopeCheck = checkRequestedScopes(get('scope'), client, deps.scopeRules);
  if (!scopeCheck.ok) {
    return fail('invalid_scope', scopeCheck.description);
  }
  const scopes = scopeCheck.scopes;

  const launchId = get('launch');
  let launch: StoredLaunch | undefined;
  if (launchId !== undefined) {
    if (!scopes.includes('launch')) {
      return fail('invalid_request', 'A launch parameter was sent without the launch scope.');
    }
    // Taken on any presentation, so a launch id copied out of the frame's address cannot be replayed,
    // not even by the app it was meant for.
    launch = deps.takeLaunch(launchId);
    if (launch?.clientId !== client.clientId) {
      return fail(
        'invalid_request',
        'The launch parameter is unknown, expired, already used or meant for another app; launch the app again from the EHR.',
      );
    }
  } else if (scopes.includes('launch')) {
    return fail('invalid_request', 'The launch scope needs the launch parameter the EHR sent to the app.');
  }

  return {
    kind: 'ok',
    pending: { client, redirectUri, state, codeChallenge, scopes, nonce: get('nonce'), launch },
  };
}

export function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
