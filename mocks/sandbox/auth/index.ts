import type { IncomingMessage, ServerResponse } from 'node:http';
import { applyCors, sendJson } from '../http';
import type { RouteHandler } from '../http';
import type { AuthContext } from './auth-context';
import { LAUNCH_TTL_MS } from './auth-context';
import { errorPage } from './auth-pages';
import { AUTH_PATHS } from './auth-paths';
import { AUTH_STYLESHEET } from './auth-stylesheet';
import { handleAuthorize } from './authorize-endpoint';
import { withoutTrailingSlash } from './authorization-request';
import { handleRegister } from './client-registration';
import { createClientRegistry } from './client-registry';
import { ExpiringStore } from './expiring-store';
import { randomToken } from './random-token';
import { methodNotAllowed, sendPage } from './responses';
import { handleConsent, handlePatientChoice, handleSignIn } from './sign-in-flow';
import { loadOrCreateSigningKey } from './signing-key';
import { buildOpenIdConfiguration, buildSmartConfiguration } from './smart-configuration';
import { handleToken } from './token-endpoint';
import { createAccessTokenVerifier } from './tokens';
import type { AuthEndpoints, AuthServer, AuthServerOptions, LaunchContext, SandboxUser } from './types';

export type {
  AuthEndpoints,
  AuthServer,
  AuthServerOptions,
  LaunchContext,
  SandboxClient,
  SandboxUser,
} from './types';

/** Thrown by createLaunch when the EHR asks for a launch the server could never honour. */
export class LaunchContextError extends Error {
  override readonly name = 'LaunchContextError';
}

const MAX_TOKEN_TTL_SECONDS = 24 * 60 * 60;

/**
 * The sandbox's SMART App Launch 2.x authorization server: discovery, authorize (EHR and standalone
 * launch), token, dynamic registration and JWKS, on jose. Protocol state lives in memory; the signing
 * key and dynamically registered clients persist in `options.dataDir`.
 */
export async function createAuthServer(options: AuthServerOptions): Promise<AuthServer> {
  const now = options.now ?? Date.now;
  const origin = withoutTrailingSlash(options.origin);
  const fhirBaseUrl = withoutTrailingSlash(options.fhirBaseUrl);
  const issuer = `${origin}/auth`;
  const endpoints: AuthEndpoints = {
    authorize: `${origin}${AUTH_PATHS.authorize}`,
    token: `${origin}${AUTH_PATHS.token}`,
    register: `${origin}${AUTH_PATHS.register}`,
    jwks: `${origin}${AUTH_PATHS.jwks}`,
  };
  const users = new Map<string, SandboxUser>(options.users.map((user) => [user.username, user]));
  const context: AuthContext = {
    key: await loadOrCreateSigningKey(options.dataDir),
    issuer,
    fhirBaseUrl,
    now,
    clients: await createClientRegistry(options.clients, options.dataDir, now),
    users,
    launches: new ExpiringStore(now),
    transactions: new ExpiringStore(now),
    codes: new ExpiringStore(now),
    refreshTokens: new ExpiringStore(now),
    revokedGrants: new ExpiringStore(now),
    defaultAccessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
    smartStyleUrl: options.smartStyleUrl,
    endpoints,
    listPatients: () => options.listPatients(),
    scopeRules: options.scopeRules,
  };

  const smartConfigurationPath = `${new URL(fhirBaseUrl).pathname.replace(/\/+$/, '')}/.well-known/smart-configuration`;
  const reshape = options.discovery ?? ((built: Record<string, unknown>) => built);
  const smartConfiguration = (): Record<string, unknown> =>
    reshape(buildSmartConfiguration({ issuer, endpoints }));

  const handle: RouteHandler = async (req, res, url) => {
    const path = url.pathname;
    if (path === smartConfigurationPath) {
      serveJsonDocument(req, res, smartConfiguration());
      return true;
    }
    if (path !== '/auth' && !path.startsWith('/auth/')) {
      return false;
    }
    await routeAuth(context, req, res, url);
    return true;
  };

  return {
    handle,
    verifyAccessToken: createAccessTokenVerifier(
      context,
      (grantId) => context.revokedGrants.get(grantId) === true,
    ),
    createLaunch(launch: LaunchContext): string {
      const user = users.get(launch.userName);
      if (!user) {
        throw new LaunchContextError(`Cannot launch for unknown user "${launch.userName}".`);
      }
      const ttl = launch.tokenTtlSeconds;
      if (ttl !== undefined && !(Number.isInteger(ttl) && ttl >= 1 && ttl <= MAX_TOKEN_TTL_SECONDS)) {
        throw new LaunchContextError(
          `tokenTtlSeconds must be a whole number from 1 to ${String(MAX_TOKEN_TTL_SECONDS)}.`,
        );
      }
      const id = randomToken();
      context.launches.set(
        id,
        {
          user,
          clientId: launch.clientId,
          patient: launch.patient,
          encounter: launch.encounter,
          tokenTtlSeconds: ttl,
        },
        LAUNCH_TTL_MS,
      );
      return id;
    },
    smartConfiguration,
    endpoints,
  };
}

async function routeAuth(
  context: AuthContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  switch (url.pathname) {
    case AUTH_PATHS.authorize:
      await handleAuthorize(context, req, res, url);
      return;
    case AUTH_PATHS.signIn:
    case AUTH_PATHS.patient:
    case AUTH_PATHS.consent:
      if (req.method !== 'POST') {
        methodNotAllowed(res, ['POST']);
        return;
      }
      if (url.pathname === AUTH_PATHS.signIn) {
        await handleSignIn(context, req, res);
      } else if (url.pathname === AUTH_PATHS.patient) {
        await handlePatientChoice(context, req, res);
      } else {
        await handleConsent(context, req, res);
      }
      return;
    case AUTH_PATHS.token:
      if (!applyCors(req, res)) {
        await handleToken(context, req, res);
      }
      return;
    case AUTH_PATHS.register:
      if (!applyCors(req, res)) {
        await handleRegister(context, req, res);
      }
      return;
    case AUTH_PATHS.jwks:
      serveJsonDocument(req, res, { keys: [context.key.publicJwk] });
      return;
    case AUTH_PATHS.openidConfiguration:
      serveJsonDocument(
        req,
        res,
        buildOpenIdConfiguration({ issuer: context.issuer, endpoints: context.endpoints }),
      );
      return;
    case AUTH_PATHS.stylesheet:
      res.writeHead(200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'max-age=300' });
      res.end(AUTH_STYLESHEET);
      return;
    default:
      sendPage(res, 404, errorPage(`There is no page at ${url.pathname}.`));
  }
}

/** Discovery documents and keys: public, cacheable briefly, readable from any origin. */
function serveJsonDocument(req: IncomingMessage, res: ServerResponse, body: unknown): void {
  if (applyCors(req, res)) {
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    methodNotAllowed(res, ['GET']);
    return;
  }
  sendJson(res, 200, body, { 'Cache-Control': 'max-age=60' });
}
