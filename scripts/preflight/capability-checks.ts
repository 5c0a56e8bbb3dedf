/**
 * Checks of the CapabilityStatement (`<base>/metadata`): FHIR version, the interactions PeerBridge
 * uses, transactions and conditional creates (what makes a retried save safe).
 */
import { RESOURCE_NEEDS, writtenResourceTypes, type Interaction, type ResourceNeed } from './app-needs';
import { check, passed, worstStatus, type CheckResult, type CheckStatus } from './check-result';
import {
  isCapabilityStatement,
  readCapabilityStatement,
  type CapabilityFacts,
  type ResourceFacts,
} from './capability-statement';
import { describeUnusableAnswer, type JsonAnswer } from '../cli/fetch-json';
import { checkOauthUris } from './oauth-uris-check';
import { checkProfilesKnown } from './profile-check';
import { checkSearchParameters } from './search-parameter-checks';
import type { SmartFacts } from './smart-configuration-checks';

export function metadataUrl(base: string): string {
  return `${base}/metadata`;
}

export function checkCapabilityStatement(
  base: string,
  answer: JsonAnswer,
  smart: SmartFacts | undefined,
): CheckResult[] {
  const url = metadataUrl(base);
  const title = 'CapabilityStatement is published';
  if (answer.kind !== 'json') {
    return [
      check(
        'metadata.reachable',
        title,
        'fail',
        describeUnusableAnswer(url, answer),
        'Use the FHIR base URL (the `iss`); `<base>/metadata` must answer without signing in.',
      ),
    ];
  }
  if (!isCapabilityStatement(answer.body)) {
    return [
      check(
        'metadata.reachable',
        title,
        'fail',
        `${url} answered HTTP ${answer.status} without a CapabilityStatement.`,
        'Check that the URL is a FHIR R4 base (the `iss`), not the EHR’s web address or a FHIR resource URL.',
      ),
    ];
  }
  const facts = readCapabilityStatement(answer.body);
  const checks = [
    passed('metadata.reachable', title, `${url} answered a CapabilityStatement.`),
    checkVersion(facts),
  ];
  const server = facts.server;
  if (!server) {
    return [
      ...checks,
      check(
        'metadata.rest-server',
        'REST server',
        'fail',
        'The CapabilityStatement has no `rest` entry with mode "server".',
        'This endpoint does not describe a FHIR server PeerBridge can use; check the base URL with the EHR team.',
      ),
    ];
  }
  return [
    ...checks,
    passed('metadata.rest-server', 'REST server', 'rest.mode is "server".'),
    checkBatch(server.interactions),
    checkTransaction(server.interactions),
    ...RESOURCE_NEEDS.map((need) => checkResource(need, server.resources.get(need.resourceType))),
    checkConditionalCreate(facts),
    ...checkSearchParameters(facts),
    checkOauthUris(server.oauthUris, smart),
    checkProfilesKnown(facts),
  ];
}

function checkVersion(facts: CapabilityFacts): CheckResult {
  const id = 'metadata.fhir-version';
  const title = 'FHIR R4 (4.0.x)';
  const version = facts.fhirVersion;
  if (version !== undefined && /^4\.0(\.\d+)?$/.test(version)) {
    return passed(id, title, `fhirVersion ${version}.`);
  }
  return check(
    id,
    title,
    'fail',
    version === undefined
      ? 'fhirVersion is missing.'
      : `fhirVersion is ${version}; PeerBridge speaks FHIR R4 (4.0.1).`,
    'Use the EHR’s FHIR R4 endpoint; many EHRs publish DSTU2, STU3 and R4 under different base URLs.',
  );
}

function checkBatch(interactions: ReadonlySet<string>): CheckResult {
  return interactions.has('batch')
    ? passed('metadata.batch', 'Batch interaction', 'batch is listed.')
    : check(
        'metadata.batch',
        'Batch interaction',
        'warn',
        'batch is not listed: PeerBridge reads the first screen with a few parallel GETs instead of one batch request.',
        'Nothing is lost; each GET is an API call the EHR may count. Enable batch Bundles (POST to the base) if the EHR can.',
      );
}

function checkTransaction(interactions: ReadonlySet<string>): CheckResult {
  return interactions.has('transaction')
    ? passed(
        'metadata.transaction',
        'Transaction interaction',
        'transaction is listed: a note is saved in one request.',
      )
    : check(
        'metadata.transaction',
        'Transaction interaction',
        'warn',
        'transaction is not listed: PeerBridge falls back to ordered conditional creates, one request per resource.',
        'Saves still work and never duplicate, but take longer; enable transactions if the EHR can.',
      );
}

function checkResource(need: ResourceNeed, resource: ResourceFacts | undefined): CheckResult {
  const id = `metadata.resource.${need.resourceType}`;
  const wanted = [...need.required, ...need.optional];
  const title = `${need.resourceType}: ${wanted.join(', ')}`;
  if (!resource) {
    return check(
      id,
      title,
      need.mayBeAbsent ? 'warn' : 'fail',
      `${need.resourceType} is not listed in the CapabilityStatement (${need.why}).${
        need.mayBeAbsent && need.withoutOptional ? ` ${need.withoutOptional}` : ''
      }`,
      `Ask the EHR team to expose ${need.resourceType} on this FHIR endpoint.`,
    );
  }
  const missing = (list: readonly Interaction[]): Interaction[] =>
    list.filter((interaction) => !resource.interactions.has(interaction));
  const missingRequired = missing(need.required);
  const missingOptional = missing(need.optional);
  const status: CheckStatus = worstStatus([
    missingRequired.length > 0 ? 'fail' : 'pass',
    missingOptional.length > 0 ? 'warn' : 'pass',
  ]);
  if (status === 'pass') {
    return passed(id, title, 'All listed.');
  }
  const missingAll = [...missingRequired, ...missingOptional];
  const consequence =
    missingRequired.length > 0
      ? `PeerBridge needs them for ${need.why}.`
      : (need.withoutOptional ?? 'One feature is missing; notes still save.');
  return check(
    id,
    title,
    status,
    `Not listed: ${missingAll.join(', ')}. ${consequence}`,
    `Ask the EHR team to allow ${missingAll.join(' and ')} on ${need.resourceType} for this app.`,
  );
}

function checkConditionalCreate(facts: CapabilityFacts): CheckResult {
  const id = 'metadata.conditional-create';
  const title = 'Conditional create (If-None-Exist)';
  const resources = facts.server?.resources;
  const types = writtenResourceTypes();
  const refused = types.filter((type) => resources?.get(type)?.conditionalCreate === false);
  const unsaid = types.filter((type) => resources?.get(type)?.conditionalCreate === undefined);
  if (refused.length > 0) {
    return check(
      id,
      title,
      'warn',
      `conditionalCreate is false for ${refused.join(', ')}: a retried save first searches for what the earlier attempt wrote (by identifier, or this tab's record of it) and never re-posts it; a part it cannot search for stays inside the note rather than risk a duplicate.`,
      'Nothing to change for PeerBridge; If-None-Exist would save a search per retry.',
    );
  }
  if (unsaid.length > 0) {
    return check(
      id,
      title,
      'warn',
      `The CapabilityStatement does not say for ${unsaid.join(', ')}.`,
      'Confirm with the EHR team that If-None-Exist is honoured (a retried save must not duplicate a note).',
    );
  }
  return passed(id, title, `conditionalCreate is true for ${types.join(', ')}.`);
}
