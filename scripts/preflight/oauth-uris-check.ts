/**
 * The SMART `oauth-uris` extension in the CapabilityStatement: older clients and some gateways read the
 * endpoints from there, so it should exist and agree with `.well-known/smart-configuration`.
 * https://hl7.org/fhir/smart-app-launch/STU1/conformance/index.html#declaring-support-for-oauth2-endpoints
 */
import { check, passed, type CheckResult } from './check-result';
import type { SmartFacts } from './smart-configuration-checks';

export function checkOauthUris(
  uris: ReadonlyMap<string, string> | undefined,
  smart: SmartFacts | undefined,
): CheckResult {
  const id = 'metadata.oauth-uris';
  const title = 'SMART oauth-uris extension';
  if (!uris) {
    return check(
      id,
      title,
      'warn',
      'rest.security has no oauth-uris extension (PeerBridge reads the endpoints from smart-configuration).',
      'Nothing to do for PeerBridge; other SMART clients may need it, so mention it to the EHR team.',
    );
  }
  const pairs: [string, string | undefined][] = [
    ['authorize', smart?.authorizationEndpoint],
    ['token', smart?.tokenEndpoint],
  ];
  const mismatches = pairs
    .filter(([name, expected]) => expected !== undefined && uris.get(name) !== expected)
    .map(
      ([name, expected]) =>
        `${name} is ${uris.get(name) ?? 'missing'} but smart-configuration says ${expected ?? ''}`,
    );
  if (mismatches.length > 0) {
    return check(
      id,
      title,
      'warn',
      `${mismatches.join('; ')}.`,
      'Two different endpoints usually mean a stale configuration; ask the EHR team which one is current.',
    );
  }
  return passed(id, title, `Present: ${[...uris.keys()].join(', ')}.`);
}
