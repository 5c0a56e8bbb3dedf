import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FhirResource, Observation, Resource } from 'fhir/r4';
import type { AccessGrant, TokenCheck } from '../../../../mocks/sandbox/access-grant';
import { parseScopes } from '../../../../mocks/sandbox/smart-scopes';
import { createFhirServer } from '../../../../mocks/sandbox/fhir';
import type { FhirServer } from '../../../../mocks/sandbox/fhir';
import type { Personality } from '../../../../mocks/sandbox/personalities';

/** Bearer tokens the fake verifier accepts, named by what they grant. */
const GRANTS: Record<string, { scope: string; patient?: string; fhirUser?: string }> = {
  clinician: { scope: 'openid fhirUser user/*.cruds' },
  /** Dr Rivera signed in (fhirUser), as vendor rules such as "author = the signed-in practitioner" need. */
  rivera: { scope: 'openid fhirUser user/*.cruds', fhirUser: 'Practitioner/pr-rivera' },
  'amy-reader': { scope: 'launch/patient patient/*.rs', patient: 'amy-shaw' },
  'amy-writer': { scope: 'launch/patient patient/*.cruds', patient: 'amy-shaw' },
  'amy-observations-only': { scope: 'launch/patient patient/Observation.rs', patient: 'amy-shaw' },
};

export async function verifyTestToken(authorization: string | undefined): Promise<TokenCheck> {
  await Promise.resolve();
  if (!authorization) {
    return { ok: false, reason: 'missing', message: 'No access token was sent' };
  }
  const token = authorization.replace(/^Bearer /, '');
  if (token === 'expired') {
    return { ok: false, reason: 'expired', message: 'The access token has expired' };
  }
  const granted = GRANTS[token];
  if (!granted) {
    return { ok: false, reason: 'invalid', message: 'The access token is not one this server issued' };
  }
  const grant: AccessGrant = {
    clientId: 'peerbridge-test',
    scope: granted.scope,
    resourceScopes: parseScopes(granted.scope),
    ...(granted.patient ? { patient: granted.patient } : {}),
    ...(granted.fhirUser ? { fhirUser: granted.fhirUser } : {}),
    expiresAt: Math.floor(Date.now() / 1000) + 3600,
  };
  return { ok: true, grant };
}

/** Amy Shaw and Ben Ortiz, their clinician Dr Rivera, and a visit of Amy's with two observations. */
export function smallSeed(): FhirResource[] {
  return [
    { resourceType: 'Patient', id: 'amy-shaw', name: [{ family: 'Shaw', given: ['Amy'] }] },
    { resourceType: 'Patient', id: 'ben-ortiz', name: [{ family: 'Ortiz', given: ['Ben'] }] },
    { resourceType: 'Practitioner', id: 'pr-rivera', name: [{ family: 'Rivera', given: ['Alex'] }] },
    {
      resourceType: 'PractitionerRole',
      id: 'role-rivera',
      practitioner: { reference: 'Practitioner/pr-rivera' },
    },
    {
      resourceType: 'Encounter',
      id: 'enc-amy-1',
      status: 'finished',
      class: { code: 'AMB' },
      subject: { reference: 'Patient/amy-shaw' },
    },
    observation('obs-amy-mood', 'amy-shaw', '2025-03-01T10:00:00Z', 'enc-amy-1'),
    observation('obs-amy-sleep', 'amy-shaw', '2025-03-02T10:00:00Z', 'enc-amy-1'),
    observation('obs-ben-mood', 'ben-ortiz', '2025-03-03T10:00:00Z'),
  ];
}

export function observation(id: string, patientId: string, when: string, encounterId?: string): Observation {
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '44250-9' }] },
    subject: { reference: `Patient/${patientId}` },
    ...(encounterId ? { encounter: { reference: `Encounter/${encounterId}` } } : {}),
    effectiveDateTime: when,
  };
}

export interface TestFhirServer {
  readonly baseUrl: string;
  readonly fhir: FhirServer;
  readonly dataFile: string;
  /** fetch() under the FHIR base with a bearer token (or none). */
  request(
    path: string,
    options?: { token?: string; method?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the FHIR type it expects
  json<T = Record<string, unknown>>(
    path: string,
    options?: { token?: string; method?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; body: T; headers: Headers }>;
  /** Stops the HTTP server and the FHIR server; keeps the data file unless `removeData`. */
  stop(removeData?: boolean): Promise<void>;
}

export async function startTestFhirServer(
  options: { seed?: () => Resource[]; dataDir?: string; personality?: Personality } = {},
): Promise<TestFhirServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'peerbridge-fhir-')));
  const dataFile = join(dataDir, 'fhir-data.json');
  let baseUrl = '';
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', baseUrl);
    fhir
      .handle(req, res, url)
      .then((handled) => {
        if (!handled) {
          res.writeHead(404).end();
        }
      })
      .catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}/fhir`;
  const fhir = await createFhirServer({
    baseUrl,
    dataFile,
    seed: options.seed ?? smallSeed,
    verifyAccessToken: verifyTestToken,
    smartEndpoints: {
      authorize: `http://127.0.0.1:${port}/auth/authorize`,
      token: `http://127.0.0.1:${port}/auth/token`,
    },
    ...(options.personality ? { personality: options.personality } : {}),
  });

  const request: TestFhirServer['request'] = async (path, requestOptions = {}) => {
    const headers: Record<string, string> = { Accept: 'application/fhir+json', ...requestOptions.headers };
    if (requestOptions.token) {
      headers.Authorization = `Bearer ${requestOptions.token}`;
    }
    if (requestOptions.body !== undefined) {
      headers['Content-Type'] ??= 'application/fhir+json';
    }
    const target = path.startsWith('http') ? path : `${baseUrl}/${path}`;
    return fetch(target, {
      method: requestOptions.method ?? 'GET',
      headers,
      ...(requestOptions.body === undefined
        ? {}
        : {
            body:
              typeof requestOptions.body === 'string'
                ? requestOptions.body
                : JSON.stringify(requestOptions.body),
          }),
    });
  };

  return {
    baseUrl,
    fhir,
    dataFile,
    request,
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- as above
    async json<T>(path: string, requestOptions = {}) {
      const response = await request(path, requestOptions);
      const text = await response.text();
      return {
        status: response.status,
        body: (text ? JSON.parse(text) : undefined) as T,
        headers: response.headers,
      };
    },
    async stop(removeData = true) {
      await fhir.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (removeData && !options.dataDir) {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
}
