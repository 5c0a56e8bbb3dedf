import type { ServerResponse } from 'node:http';
import { sendJson } from '../http';

/** RFC 6749 §4.1.2.1 error codes the authorize endpoint sends back to the app's redirect_uri. */
export type AuthorizationErrorCode =
  'invalid_request' | 'unauthorized_client' | 'access_denied' | 'unsupported_response_type' | 'invalid_scope';

/** RFC 6749 §5.2 error codes of the token endpoint. */
export type TokenErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope';

/** RFC 7591 §3.2.2 error codes of the registration endpoint. */
export type RegistrationErrorCode = 'invalid_redirect_uri' | 'invalid_client_metadata';

/** The redirect_uri with `error`, `error_description` and (when the app sent one) `state` added. */
export function errorRedirectUrl(
  redirectUri: string,
  error: AuthorizationErrorCode,
  description: string,
  state: string | undefined,
): string {
  const url = new URL(redirectUri);
  url.searchParams.set('error', error);
  url.searchParams.set('error_description', description);
  if (state !== undefined) {
    url.searchParams.set('state', state);
  }
  return url.href;
}

export function codeRedirectUrl(redirectUri: string, code: string, state: string): string {
  const url = new URL(redirectUri);
  url.searchParams.set('code', code);
  url.searchParams.set('state', state);
  return url.href;
}

export function sendTokenError(res: ServerResponse, error: TokenErrorCode, description: string): void {
  sendJson(res, 400, { error, error_description: description }, { Pragma: 'no-cache' });
}

export function sendRegistrationError(
  res: ServerResponse,
  error: RegistrationErrorCode,
  description: string,
): void {
  sendJson(res, 400, { error, error_description: description });
}

/**
 * Reads each parameter at most once. RFC 6749 §3.1/§3.2: "Request and response parameters MUST NOT be
 * included more than once", so a repeated one is reported rather than silently taking the first.
 */
export function singleValuedParams(
  params: URLSearchParams,
): { ok: true; get: (name: string) => string | undefined } | { ok: false; repeated: string } {
  const seen = new Map<string, string>();
  for (const [name, value] of params) {
    if (seen.has(name)) {
      return { ok: false, repeated: name };
    }
    seen.set(name, value);
  }
  return {
    ok: true,
    // An empty value counts as absent, as RFC 6749 §3.1 says.
    get: (name) => {
      const value = seen.get(name);
      return value === '' ? undefined : value;
    },
  };
}
