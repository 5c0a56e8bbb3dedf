/** Runs every preflight check against one FHIR base and returns the report; prints nothing. */
import { probeAuthorize } from './authorize-probe';
import { checkCapabilityStatement, metadataUrl } from './capability-checks';
import { check, passed, summarize, type CheckResult, type CheckSummary } from './check-result';
import { checkClientId } from './client-id-check';
import { fetchJson } from '../cli/fetch-json';
import { serverPlanOf, type ServerPlan } from './server-plan';
import { checkSmartConfiguration, type SmartFacts } from './smart-configuration-checks';
import { defaultRedirectUri, endpointUrlProblem, smartConfigurationUrl, trimBase } from '../cli/urls';

export interface PreflightOptions {
  readonly base: string;
  /** Also ask the authorization server whether it accepts this client id. */
  readonly clientId?: string;
  readonly redirectUri?: string;
  readonly fetchImpl?: typeof fetch;
}

export interface PreflightReport {
  readonly base: string;
  readonly checks: readonly CheckResult[];
  readonly summary: CheckSummary;
  /** What a save writes and what the app reads here; absent when no CapabilityStatement was read. */
  readonly plan?: ServerPlan;
}

function checkBaseUrl(base: string): CheckResult {
  const problem = endpointUrlProblem(base);
  return problem === undefined
    ? passed('base.https', 'FHIR base URL uses https (http on localhost)', base)
    : check(
        'base.https',
        'FHIR base URL uses https (http on localhost)',
        'fail',
        `${problem}.`,
        'PeerBridge’s runtime configuration refuses such an issuer: use the EHR’s https FHIR base URL.',
      );
}

async function clientIdChecks(
  options: PreflightOptions,
  base: string,
  smart: SmartFacts | undefined,
): Promise<CheckResult[]> {
  const clientId = options.clientId;
  if (clientId === undefined) {
    return [];
  }
  const redirectUri = options.redirectUri ?? defaultRedirectUri(base);
  const title = `Client ${clientId}`;
  if (redirectUri === undefined) {
    return [
      check(
        'auth.client-id',
        title,
        'fail',
        'No redirect URI to test with.',
        'Add --redirect-uri with the URI registered for PeerBridge (the app page, e.g. https://apps.example-hospital.org/peerbridge/).',
      ),
    ];
  }
  if (smart?.authorizationEndpoint === undefined) {
    return [
      check(
        'auth.client-id',
        title,
        'fail',
        'Cannot be tested: the SMART configuration names no authorization_endpoint.',
        'Fix the SMART configuration failures above first.',
      ),
    ];
  }
  const outcome = await probeAuthorize({
    authorizationEndpoint: smart.authorizationEndpoint,
    clientId,
    redirectUri,
    aud: base,
    ...(options.fetchImpl === undefined ? {} : { fetchImpl: options.fetchImpl }),
  });
  return [checkClientId(clientId, redirectUri, outcome)];
}

export async function runPreflight(options: PreflightOptions): Promise<PreflightReport> {
  const base = trimBase(options.base);
  const request = options.fetchImpl === undefined ? {} : { fetchImpl: options.fetchImpl };
  const [smartAnswer, metadataAnswer] = await Promise.all([
    fetchJson(smartConfigurationUrl(base), request),
    fetchJson(metadataUrl(base), request),
  ]);
  const smart = checkSmartConfiguration(base, smartAnswer);
  const checks = [
    checkBaseUrl(base),
    ...smart.checks,
    ...checkCapabilityStatement(base, metadataAnswer, smart.facts),
    ...(await clientIdChecks(options, base, smart.facts)),
  ];
  const plan =
    metadataAnswer.kind === 'json'
      ? serverPlanOf(metadataAnswer.body, smart.facts?.capabilities ?? [])
      : undefined;
  return { base, checks, summary: summarize(checks), ...(plan === undefined ? {} : { plan }) };
}
