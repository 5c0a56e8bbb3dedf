import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Patient } from 'fhir/r4';
import { isRecord, stringOf } from '../../src/domain/guards';
import { buildSeed } from '../fixtures/seed';
import { SEED_USERS } from '../fixtures/seed/users';
import { startAppHost, type AppSource } from './app-host';
import { createAuthServer, type AuthServer } from './auth';
import { createEhr } from './ehr';
import { createFhirServer, type FhirServer } from './fhir';
import { applyCors, sendJson, type RouteHandler } from './http';
import { createResetRoute, createResetSecret } from './reset-route';

import { getPersonality, type PersonalityName } from './personalities';

export const SANDBOX_CLIENT_ID = 'peerbridge-sandbox';

export interface SandboxOptions {
  /** 0 picks a free port. */
  readonly ehrPort?: number;
  readonly appPort?: number;
  readonly dataDir: string;
  readonly app: AppSource;
  readonly today?: Date;
  readonly accessTokenTtlSeconds?: number;
  /**
   * 'same-site' (default) serves PeerBridge on another port of localhost: another origin, so CORS and
   * frame boundaries are real, but the same site, as an app hosted under the health system's domain.
   * 'cross-site' serves it on 127.0.0.1, a third party to the EHR page, where browsers that block
   * third-party storage refuse PeerBridge its session storage inside the iframe.
   */
  readonly appSite?: 'same-site' | 'cross-site';
  /** A scope override in the deployed runtime configuration, as IT may set one per issuer. */
  readonly issuerScope?: string;
  /**
   * Serve this file as the app's runtime configuration, as IT deploys it (e.g. written by
   * `npm run register`), instead of one generated for the sandbox's own pre-registered client.
   */
  readonly runtimeConfigFile?: string;
  /**
   * Which EHR the sandbox pretends to be (default 'open', the permissive server): 'epic' or 'oracle'
   * put that vendor's documented policy in front of the same engine. See mocks/sandbox/README.md.
   */
  readonly ehr?: PersonalityName;
  /**
   * Answer FHIR requests with references stripped of `display`, as many real EHRs send them, so
   * PeerBridge must name people from the resources (`npm start -- --no-displays`). Default false.
   */
  readonly stripDisplays?: boolean;
}

export interface Sandbox {
  /** The simulated EHR's home page: sign in here. */
  readonly ehrUrl: string;
  readonly fhirBaseUrl: string;
  readonly appOrigin: string;
  readonly launchUrl: string;
  readonly clientId: string;
  /** The personality running, e.g. 'oracle'. */
  readonly ehr: PersonalityName;
  readonly fhir: FhirServer;
  readonly auth: AuthServer;
  /** `POST /sandbox/reset` needs `Authorization: Bearer <resetSecret>`; also in `<dataDir>/reset-secret`. */
  readonly resetSecret: string;
  close(): Promise<void>;
}

const EHR_HOSTNAME = 'localhost';
const CROSS_SITE_APP_HOSTNAME = '127.0.0.1';
const BIND_ADDRESS = '127.0.0.1';

function patientName(patient: Patient): string {
  const name = patient.name?.[0];
  return [...(name?.given ?? []), name?.family ?? ''].join(' ').trim() || (patient.id ?? '');
}

/** The deployed file as it is now; unreadable JSON is served as-is-broken so the launch page names it. */
function readDeployedConfig(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    return { error: `${file} is missing or is not JSON` };
  }
}

/**
 * The client id the deployed configuration gives this EHR's issuer: the app the EHR's tab launches, as
 * an EHR administrator binds the tab to one app registration. A broken file launches no known client.
 */
function deployedClientId(config: unknown, fhirBaseUrl: string): string {
  const issuers = isRecord(config) && Array.isArray(config.issuers) ? (config.issuers as unknown[]) : [];
  const entry = issuers
    .filter(isRecord)
    .find((issuer) => stringOf(issuer.iss)?.replace(/\/+$/, '') === fhirBaseUrl);
  return stringOf(entry?.clientId) ?? '';
}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  await mkdir(options.dataDir, { recursive: true });
  const today = options.today ?? new Date();
  const personality = getPersonality(options.ehr);

  let routes: RouteHandler[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    void (async () => {
      for (const route of routes) {
        if (await route(req, res, url)) {
          return;
        }
      }
      sendJson(res, 404, { error: 'not_found' });
    })().catch(() => {
      if (!res.headersSent) {
        sendJson(res, 500, { error: 'server_error' });
      } else {
        res.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(options.ehrPort ?? 0, BIND_ADDRESS, resolve));
  const ehrOrigin = `http://${EHR_HOSTNAME}:${(server.address() as AddressInfo).port}`;
  const fhirBaseUrl = `${ehrOrigin}/fhir`;

  const appHost = await startAppHost({
    host: BIND_ADDRESS,
    hostname: options.appSite === 'cross-site' ? CROSS_SITE_APP_HOSTNAME : EHR_HOSTNAME,
    port: options.appPort ?? 0,
    source: options.app,
    frameAncestors: [ehrOrigin],
    runtimeConfig: () =>
      options.runtimeConfigFile
        ? readDeployedConfig(options.runtimeConfigFile)
        : {
            issuers: [
              {
                iss: fhirBaseUrl,
                clientId: SANDBOX_CLIENT_ID,
                label: 'Sandbox EHR',
                ...(options.issuerScope === undefined ? {} : { scope: options.issuerScope }),
              },
            ],
          },
  });
  const launchUrl = `${appHost.origin}/launch/`;

  // The FHIR server needs the token check and the auth server needs the patient list: wire them
  // through late-bound functions.
  const fhirRef: { current?: FhirServer } = {};
  const auth = await createAuthServer({
    origin: ehrOrigin,
    fhirBaseUrl,
    users: [...SEED_USERS],
    clients: [
      { clientId: SANDBOX_CLIENT_ID, clientName: 'PeerBridge', redirectUris: [`${appHost.origin}/`] },
    ],
    dataDir: options.dataDir,
    scopeRules: personality.scopes,
    discovery: (built) => personality.smartConfiguration(built),
    ...(options.accessTokenTtlSeconds === undefined
      ? {}
      : { accessTokenTtlSeconds: options.accessTokenTtlSeconds }),
    listPatients: async () => {
      const patients = ((await fhirRef.current?.internal.search('Patient', { _count: '1000' })) ??
        []) as Patient[];
      return patients.map((p) => ({
        id: p.id ?? '',
        name: patientName(p),
        ...(p.birthDate ? { birthDate: p.birthDate } : {}),
      }));
    },
  });
  const fhirServer = await createFhirServer({
    baseUrl: fhirBaseUrl,
    dataFile: join(options.dataDir, 'fhir-store.json'),
    seed: () => buildSeed(today),
    verifyAccessToken: auth.verifyAccessToken,
    smartEndpoints: {
      authorize: auth.endpoints.authorize,
      token: auth.endpoints.token,
      register: auth.endpoints.register,
    },
    personality,
    ...(options.stripDisplays ? { stripDisplays: true } : {}),
  });
  fhirRef.current = fhirServer;

  const resetSecret = await createResetSecret(options.dataDir);
  const resetRoute = createResetRoute(resetSecret, () => fhirServer.reset());
  const corsForApis: RouteHandler = (req, res, url) =>
    Promise.resolve(
      url.pathname.startsWith('/fhir') && req.method === 'OPTIONS' ? applyCors(req, res) : false,
    );

  routes = [
    resetRoute,
    corsForApis,
    auth.handle,
    fhirServer.handle,
    createEhr({
      auth,
      users: [...SEED_USERS],
      fhir: fhirServer.internal,
      appLaunchUrl: launchUrl,
      fhirBaseUrl,
      appClientId: () =>
        options.runtimeConfigFile
          ? deployedClientId(readDeployedConfig(options.runtimeConfigFile), fhirBaseUrl)
          : SANDBOX_CLIENT_ID,
    }),
  ];

  return {
    ehrUrl: `${ehrOrigin}/`,
    fhirBaseUrl,
    appOrigin: appHost.origin,
    launchUrl,
    clientId: SANDBOX_CLIENT_ID,
    ehr: personality.name,
    fhir: fhirServer,
    auth,
    resetSecret,
    async close() {
      await appHost.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fhirServer.close();
    },
  };
}
