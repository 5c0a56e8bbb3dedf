import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Condition, Patient, Resource } from 'fhir/r4';
import { createAuthServer } from '../../../../mocks/sandbox/auth';
import type { AuthServer, SandboxUser } from '../../../../mocks/sandbox/auth';
import { createEhr } from '../../../../mocks/sandbox/ehr';
import type { RouteHandler } from '../../../../mocks/sandbox/http';

export const SHARED_PASSWORD = 'sandbox-shared';
export const APP_LAUNCH_URL = 'http://127.0.0.1:5998/launch/';
export const APP_CLIENT_ID = 'peerbridge-ehr-test';

export const TAYLOR: SandboxUser = {
  username: 'taylor.brooks',
  password: SHARED_PASSWORD,
  displayName: 'Taylor Brooks, MD',
  fhirUser: 'Practitioner/pr-taylor-brooks',
};
export const RENEE: SandboxUser = {
  username: 'renee.adeyemi',
  password: SHARED_PASSWORD,
  displayName: 'Renée Adeyemi, CPRS',
  fhirUser: 'Practitioner/pr-renee-adeyemi',
};

export const CASEY: Patient = {
  resourceType: 'Patient',
  id: 'pt-casey-morgan',
  identifier: [
    {
      type: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }],
        text: 'MRN',
      },
      system: 'urn:example:riverside-mrn',
      value: 'RIH-004211',
    },
  ],
  name: [{ use: 'official', family: 'Morgan', given: ['Casey'] }],
  gender: 'female',
  birthDate: '1986-07-23',
};

export const HOSTILE: Patient = {
  resourceType: 'Patient',
  id: 'pt-hostile',
  name: [{ family: '<script>alert(1)</script>', given: ['"Quote"'] }],
  gender: 'unknown',
  birthDate: '1999-02-02',
};

const conditions: Condition[] = [
  {
    resourceType: 'Condition',
    id: 'cond-mdd',
    subject: { reference: 'Patient/pt-casey-morgan' },
    clinicalStatus: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }],
    },
    code: { text: 'Major depressive disorder, recurrent, moderate' },
    onsetDateTime: '2021-03-04',
  },
  {
    resourceType: 'Condition',
    id: 'cond-ankle',
    subject: { reference: 'Patient/pt-casey-morgan' },
    clinicalStatus: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'resolved' }],
    },
    code: { text: 'Sprained ankle' },
  },
  {
    resourceType: 'Condition',
    id: 'cond-hostile',
    subject: { reference: 'Patient/pt-hostile' },
    clinicalStatus: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }],
    },
    code: { text: '<img src=x onerror=alert(2)>' },
  },
];

/** A stand-in for the FHIR module's internal store: just enough search for the EHR's two queries. */
const fakeFhir = {
  search(resourceType: string, query: Record<string, string>): Promise<Resource[]> {
    if (resourceType === 'Patient') {
      return Promise.resolve([CASEY, HOSTILE]);
    }
    if (resourceType === 'Condition') {
      return Promise.resolve(conditions.filter((condition) => condition.subject.reference === query.patient));
    }
    return Promise.resolve([]);
  },
  read<T extends Resource>(type: T['resourceType'], id: string): Promise<T | undefined> {
    const found = [CASEY, HOSTILE].find((patient) => type === 'Patient' && patient.id === id);
    return Promise.resolve(found as T | undefined);
  },
};

export interface RunningEhr {
  origin: string;
  fhirBaseUrl: string;
  auth: AuthServer;
  close(): Promise<void>;
}

export async function startEhr(): Promise<RunningEhr> {
  let routes: RouteHandler[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const answer = async (): Promise<void> => {
      for (const route of routes) {
        if (await route(req, res, url)) {
          return;
        }
      }
      res.writeHead(404).end();
    };
    answer().catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  const fhirBaseUrl = `${origin}/fhir`;
  const dataDir = await mkdtemp(join(tmpdir(), 'peerbridge-ehr-'));
  const auth = await createAuthServer({
    origin,
    fhirBaseUrl,
    users: [TAYLOR, RENEE],
    clients: [{ clientId: APP_CLIENT_ID, redirectUris: [APP_LAUNCH_URL] }],
    listPatients: () => Promise.resolve([]),
    dataDir,
  });
  routes = [
    auth.handle,
    createEhr({
      auth,
      users: [TAYLOR, RENEE],
      fhir: fakeFhir,
      appLaunchUrl: APP_LAUNCH_URL,
      fhirBaseUrl,
      appClientId: () => APP_CLIENT_ID,
    }),
  ];
  return {
    origin,
    fhirBaseUrl,
    auth,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the form and returns the session cookie to send on later requests. */
export async function signIn(ehr: RunningEhr, user: SandboxUser = TAYLOR): Promise<string> {
  const response = await fetch(`${ehr.origin}/ehr/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: user.username, password: user.password }).toString(),
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (response.status !== 303 || cookie === undefined) {
    throw new Error(`Sign-in failed with HTTP ${String(response.status)}`);
  }
  return cookie;
}

export function getPage(ehr: RunningEhr, path: string, cookie?: string): Promise<Response> {
  return fetch(`${ehr.origin}${path}`, {
    redirect: 'manual',
    headers: cookie === undefined ? {} : { Cookie: cookie },
  });
}

/** The iframe's src as the browser would read it (HTML entities undone). */
export function iframeSrc(html: string): string {
  const match = /<iframe[^>]*\ssrc="([^"]*)"/.exec(html);
  if (!match?.[1]) {
    throw new Error('The page has no iframe');
  }
  return match[1].replace(/&amp;/g, '&');
}
