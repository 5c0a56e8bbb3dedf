/**
 * "Example Health EHR": a fictional SMART server served by msw at an https host that does not exist.
 * It starts from what the sandbox publishes (a server meeting every need), and each test takes a piece
 * away to see the preflight name it.
 */
import type { CapabilityStatement, CapabilityStatementRestResource } from 'fhir/r4';
import { http, HttpResponse, type HttpHandler } from 'msw';
import { buildSmartConfiguration } from '../../../mocks/sandbox/auth/smart-configuration';
import { buildCapabilityStatement } from '../../../mocks/sandbox/fhir/capability-statement';
import { loadDefinitions } from '../../../mocks/sandbox/fhir/engine';

export const FAKE_ORIGIN = 'https://ehr.example-health.test';
export const FAKE_BASE = `${FAKE_ORIGIN}/fhir/r4`;

const ENDPOINTS = {
  authorize: `${FAKE_ORIGIN}/oauth2/authorize`,
  token: `${FAKE_ORIGIN}/oauth2/token`,
  register: `${FAKE_ORIGIN}/oauth2/register`,
  jwks: `${FAKE_ORIGIN}/oauth2/jwks`,
};

export type SmartConfiguration = Record<string, unknown>;

export function completeSmartConfiguration(): SmartConfiguration {
  return buildSmartConfiguration({ issuer: FAKE_ORIGIN, endpoints: ENDPOINTS });
}

export function completeCapabilityStatement(): CapabilityStatement {
  loadDefinitions();
  return buildCapabilityStatement(FAKE_BASE, ENDPOINTS);
}

/** The resource entry of `type` in the statement's server rest, to change in place. */
export function resourceOf(statement: CapabilityStatement, type: string): CapabilityStatementRestResource {
  const resource = statement.rest?.[0]?.resource?.find((entry) => entry.type === type);
  if (!resource) {
    throw new Error(`The fake CapabilityStatement has no ${type}.`);
  }
  return resource;
}

export interface FakeEhr {
  readonly smart?: SmartConfiguration | Response;
  readonly metadata?: CapabilityStatement | Response;
}

function answer(body: SmartConfiguration | CapabilityStatement | Response): Response {
  return body instanceof Response ? body : HttpResponse.json(body);
}

export function fakeEhrHandlers(ehr: FakeEhr = {}, base = FAKE_BASE): HttpHandler[] {
  const smart = ehr.smart ?? completeSmartConfiguration();
  const metadata = ehr.metadata ?? completeCapabilityStatement();
  return [
    http.get(`${base}/.well-known/smart-configuration`, () => answer(smart)),
    http.get(`${base}/metadata`, () => answer(metadata)),
  ];
}

/** What a sign-in portal in front of the FHIR server answers to every URL. */
export function signInPortalPage(): Response {
  return HttpResponse.html(
    '<!doctype html><html><head><title>Sign in</title></head><body>Sign in</body></html>',
  );
}

export function notFound(): Response {
  return new HttpResponse('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });
}
