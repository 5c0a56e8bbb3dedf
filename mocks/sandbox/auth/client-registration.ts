import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, readBody, sendJson } from '../http';
import { isKnownScope, parseResourceScope } from '../smart-scopes';
import type { AuthContext } from './auth-context';
import type { GrantType, RegisteredClient } from './client-registry';
import { isGrantType } from './client-registry';
import { sendRegistrationError } from './oauth-errors';
import { refusedUnlessPost } from './responses';
import { splitScopes } from './scope-policy';

const MAX_REDIRECT_URIS = 10;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

type Metadata = Omit<RegisteredClient, 'clientId' | 'clientIdIssuedAt'>;
type MetadataCheck =
  | { ok: true; metadata: Metadata }
  | { ok: false; error: 'invalid_redirect_uri' | 'invalid_client_metadata'; description: string };

/**
 * POST /auth/register: RFC 7591 dynamic registration of public clients. Unknown metadata fields are
 * ignored, as §2 requires; the response states what was actually registered.
 */
export async function handleRegister(
  context: AuthContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (refusedUnlessPost(req, res, 'registration')) {
    return;
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    sendRegistrationError(res, 'invalid_client_metadata', 'The body must be application/json.');
    return;
  }
  let body: unknown;
  try {
    body = JSON.parse(await readBody(req)) as unknown;
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      throw error;
    }
    sendRegistrationError(res, 'invalid_client_metadata', 'The body is not valid JSON.');
    return;
  }
  const check = checkClientMetadata(body);
  if (!check.ok) {
    sendRegistrationError(res, check.error, check.description);
    return;
  }
  const client = await context.clients.register(check.metadata);
  const response: Record<string, unknown> = {
    client_id: client.clientId,
    client_id_issued_at: client.clientIdIssuedAt,
    redirect_uris: client.redirectUris,
    token_endpoint_auth_method: 'none',
    grant_types: client.grantTypes,
    response_types: ['code'],
  };
  if (client.clientName !== undefined) {
    response.client_name = client.clientName;
  }
  if (client.scope !== undefined) {
    response.scope = client.scope;
  }
  sendJson(res, 201, response);
}

export function checkClientMetadata(body: unknown): MetadataCheck {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, error: 'invalid_client_metadata', description: 'The body must be a JSON object.' };
  }
  const record = body as Record<string, unknown>;
  const invalid = (description: string): MetadataCheck => ({
    ok: false,
    error: 'invalid_client_metadata',
    description,
  });

  const redirectUris = record.redirect_uris;
  if (!Array.isArray(redirectUris) || redirectUris.length === 0 || redirectUris.length > MAX_REDIRECT_URIS) {
    return {
      ok: false,
      error: 'invalid_redirect_uri',
      description: `redirect_uris must be an array of 1 to ${String(MAX_REDIRECT_URIS)} URLs.`,
    };
  }
  for (const uri of redirectUris) {
    const problem = redirectUriProblem(uri);
    if (problem !== undefined) {
      return { ok: false, error: 'invalid_redirect_uri', description: problem };
    }
  }

  const authMethod = record.token_endpoint_auth_method;
  // Omitted means client_secret_basic in RFC 7591; the server may replace it, and registers a public client.
  if (authMethod !== undefined && authMethod !== 'none') {
    return invalid('token_endpoint_auth_method must be "none": only public clients can register here.');
  }

  let grantTypes: GrantType[] = ['authorization_code'];
  if (record.grant_types !== undefined) {
    const requested = record.grant_types;
    if (
      !Array.isArray(requested) ||
      !requested.every((item) => typeof item === 'string' && isGrantType(item))
    ) {
      return invalid('grant_types may contain only "authorization_code" and "refresh_token".');
    }
    grantTypes = [...new Set(requested)];
    if (!grantTypes.includes('authorization_code')) {
      return invalid('grant_types must include "authorization_code".');
    }
  }

  const responseTypes = record.response_types;
  if (
    responseTypes !== undefined &&
    !(Array.isArray(responseTypes) && responseTypes.every((item) => item === 'code'))
  ) {
    return invalid('response_types may contain only "code".');
  }

  const clientName = record.client_name;
  if (clientName !== undefined && (typeof clientName !== 'string' || clientName.length > 200)) {
    return invalid('client_name must be a string of at most 200 characters.');
  }

  const scope = record.scope;
  if (scope !== undefined) {
    if (typeof scope !== 'string') {
      return invalid('scope must be a space-separated string.');
    }
    const bad = splitScopes(scope).find(
      (item) => !isKnownScope(item) || parseResourceScope(item)?.context === 'system',
    );
    if (bad !== undefined) {
      return invalid(`Scope "${bad}" is unknown or not available to user-facing apps.`);
    }
  }

  return {
    ok: true,
    metadata: {
      redirectUris: redirectUris as string[],
      grantTypes,
      clientName,
      scope: scope === undefined ? undefined : splitScopes(scope).join(' '),
    },
  };
}

/** Absolute http(s) URLs without a fragment; plain http only on loopback, as production servers allow. */
function redirectUriProblem(uri: unknown): string | undefined {
  if (typeof uri !== 'string') {
    return 'Each redirect URI must be a string.';
  }
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return `"${uri}" is not an absolute URL.`;
  }
  if (url.hash !== '' || uri.includes('#')) {
    return `"${uri}" must not contain a fragment.`;
  }
  if (url.protocol === 'https:') {
    return undefined;
  }
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) {
    return undefined;
  }
  return `"${uri}" must use https (http is allowed only for localhost and 127.0.0.1).`;
}
