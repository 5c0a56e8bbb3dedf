/**
 * Checks of `<base>/.well-known/smart-configuration`, as IT would read it before go-live.
 * https://hl7.org/fhir/smart-app-launch/conformance.html#using-well-known
 */
import { requestedScope, type ScopeStyle } from '../../launch/scopes';
import { CAPABILITY_NEEDS } from './app-needs';
import { check, passed, type CheckResult } from './check-result';
import { describeUnusableAnswer, type JsonAnswer } from '../cli/fetch-json';
import { isRecord, optionalString, stringList } from '../cli/json-values';
import { uncoveredScopes } from './scope-coverage';
import { endpointUrlProblem, smartConfigurationUrl } from '../cli/urls';

/** What later checks need from the discovery document. */
export interface SmartFacts {
  readonly authorizationEndpoint?: string;
  readonly tokenEndpoint?: string;
  readonly registrationEndpoint?: string;
  readonly capabilities: readonly string[];
}

export interface SmartChecks {
  readonly checks: CheckResult[];
  /** Undefined when the document could not be read at all. */
  readonly facts?: SmartFacts;
}

const ASK_VENDOR =
  'Ask the EHR vendor or the team that runs the authorization server to enable it for this FHIR endpoint.';

export function checkSmartConfiguration(base: string, answer: JsonAnswer): SmartChecks {
  const url = smartConfigurationUrl(base);
  const title = 'SMART configuration is published';
  if (answer.kind !== 'json') {
    return {
      checks: [
        check('smart.reachable', title, 'fail', describeUnusableAnswer(url, answer), reachFix(answer.kind)),
      ],
    };
  }
  if (answer.status < 200 || answer.status > 299 || !isRecord(answer.body)) {
    const detail =
      answer.status >= 200 && answer.status <= 299
        ? `${url} answered JSON that is not an object.`
        : `${url} answered HTTP ${answer.status}.`;
    return {
      checks: [
        check(
          'smart.reachable',
          title,
          'fail',
          detail,
          'Check that the URL is the FHIR base the EHR sends as `iss` (not the EHR’s web address), and that ' +
            'the server supports SMART App Launch 2.x discovery. ' +
            ASK_VENDOR,
        ),
      ],
    };
  }
  const doc = answer.body;
  const facts: SmartFacts = {
    capabilities: stringList(doc.capabilities),
    ...optionalEntry('authorizationEndpoint', optionalString(doc.authorization_endpoint)),
    ...optionalEntry('tokenEndpoint', optionalString(doc.token_endpoint)),
    ...optionalEntry('registrationEndpoint', optionalString(doc.registration_endpoint)),
  };
  return {
    facts,
    checks: [
      passed('smart.reachable', title, `${url} answered a JSON document.`),
      ...endpointChecks(facts),
      checkPkce(stringList(doc.code_challenge_methods_supported)),
      checkGrantTypes(doc.grant_types_supported),
      ...CAPABILITY_NEEDS.map((need) =>
        facts.capabilities.includes(need.capability)
          ? passed(`smart.capability.${need.capability}`, `Capability ${need.capability}`, 'Listed.')
          : check(
              `smart.capability.${need.capability}`,
              `Capability ${need.capability}`,
              need.severity,
              `Not listed in capabilities. ${need.without}`,
              `Ask the EHR team to enable "${need.capability}" for this endpoint, or confirm it works ` +
                'without being listed by launching PeerBridge once.',
            ),
      ),
      checkPermissionStyle(facts.capabilities),
      checkScopesSupported(doc.scopes_supported, scopeStyleFor(facts.capabilities)),
      checkRegistrationEndpoint(facts.registrationEndpoint),
    ],
  };
}

function optionalEntry<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

function reachFix(kind: 'unreachable' | 'not-json'): string {
  return kind === 'unreachable'
    ? 'Check the URL, DNS, firewall and proxy rules from this machine; try the URL in a browser on the same network.'
    : 'The URL probably points at a web page or a sign-in portal: use the FHIR base URL (the `iss`), and make ' +
        'sure discovery is reachable without signing in.';
}

function endpointChecks(facts: SmartFacts): CheckResult[] {
  const endpoints: [string, string, string | undefined][] = [
    ['smart.authorization-endpoint', 'authorization_endpoint', facts.authorizationEndpoint],
    ['smart.token-endpoint', 'token_endpoint', facts.tokenEndpoint],
  ];
  return endpoints.map(([id, field, value]) => {
    const title = `${field} is an https URL`;
    if (value === undefined) {
      return check(id, title, 'fail', `${field} is missing.`, `Launches need it. ${ASK_VENDOR}`);
    }
    const problem = endpointUrlProblem(value);
    return problem === undefined
      ? passed(id, title, value)
      : check(
          id,
          title,
          'fail',
          `${problem}.`,
          'Tokens must never travel over plain http: serve it over https.',
        );
  });
}

/**
 * PeerBridge sends PKCE S256 on every authorize whatever this says (RFC 7636 §4.4: a server without
 * PKCE ignores it), so a missing or partial list is a warning to confirm, never a blocker:
 * docs/decisions/0010-pkce-s256-on-every-authorize.md.
 */
function checkPkce(methods: readonly string[]): CheckResult {
  const id = 'smart.pkce-s256';
  const title = 'PKCE with S256';
  if (methods.includes('S256')) {
    return passed(id, title, `code_challenge_methods_supported: ${methods.join(', ')}.`);
  }
  return check(
    id,
    title,
    'warn',
    methods.length === 0
      ? 'code_challenge_methods_supported is missing or empty.'
      : `code_challenge_methods_supported lists ${methods.join(', ')} but not S256.`,
    'PeerBridge sends PKCE S256 anyway; confirm with the EHR team that S256 is accepted for this client (SMART App Launch 2.x requires it). ' +
      ASK_VENDOR,
  );
}

function checkGrantTypes(value: unknown): CheckResult {
  const id = 'smart.grant-types';
  const title = 'Grant types authorization_code and refresh_token';
  if (!Array.isArray(value)) {
    return check(
      id,
      title,
      'warn',
      'grant_types_supported is missing (SMART 2.x requires it).',
      'Confirm with the EHR team that authorization_code and refresh_token grants are enabled.',
    );
  }
  const grants = stringList(value);
  if (!grants.includes('authorization_code')) {
    return check(
      id,
      title,
      'fail',
      `grant_types_supported lists ${grants.join(', ') || 'nothing'}, not authorization_code.`,
      `Every SMART launch uses the authorization_code grant. ${ASK_VENDOR}`,
    );
  }
  if (!grants.includes('refresh_token')) {
    return check(
      id,
      title,
      'warn',
      'refresh_token is not listed: sessions end when the first access token expires.',
      'Enable refresh tokens (online_access) for the client, or set a token lifetime longer than a peer session.',
    );
  }
  return passed(id, title, `grant_types_supported: ${grants.join(', ')}.`);
}

function checkPermissionStyle(capabilities: readonly string[]): CheckResult {
  const id = 'smart.capability.permission-v2';
  const title = 'Capability permission-v2 (SMART v2 scopes)';
  if (capabilities.includes('permission-v2')) {
    return passed(id, title, 'Listed: PeerBridge asks for v2 scopes such as patient/Encounter.crus.');
  }
  const detail = capabilities.includes('permission-v1')
    ? 'Only permission-v1 is listed: PeerBridge falls back to v1 scopes (patient/Encounter.read and .write).'
    : 'Neither permission-v1 nor permission-v2 is listed: PeerBridge will ask for v1 scopes.';
  return check(
    id,
    title,
    'warn',
    detail,
    'Register the v1 scopes from `npm run registration`; ask the EHR team whether v2 scopes can be enabled.',
  );
}

export function scopeStyleFor(capabilities: readonly string[]): ScopeStyle {
  return capabilities.includes('permission-v2') ? 'v2' : 'v1';
}

function checkScopesSupported(value: unknown, style: ScopeStyle): CheckResult {
  const id = 'smart.scopes-supported';
  const title = 'scopes_supported covers what PeerBridge asks for';
  if (!Array.isArray(value)) {
    return check(
      id,
      title,
      'info',
      'scopes_supported is not published (it is optional).',
      'Check the scopes at registration instead (`npm run registration` lists them).',
    );
  }
  const wanted = [
    ...new Set([
      ...requestedScope(style, 'ehr').split(' '),
      ...requestedScope(style, 'standalone').split(' '),
    ]),
  ];
  const missing = uncoveredScopes(stringList(value), wanted);
  if (missing.length === 0) {
    return passed(id, title, `All ${wanted.length} requested ${style} scopes are covered.`);
  }
  return check(
    id,
    title,
    'warn',
    `Not listed: ${missing.join(' ')}. The list is informational; servers may grant unlisted scopes.`,
    'Make sure the client registration allows these scopes; a launch that is refused one fails with invalid_scope.',
  );
}

function checkRegistrationEndpoint(endpoint: string | undefined): CheckResult {
  const id = 'smart.registration-endpoint';
  const title = 'Dynamic client registration';
  if (endpoint === undefined) {
    return check(
      id,
      title,
      'info',
      'No registration_endpoint: this server does not offer dynamic registration.',
      'Register by hand with the sheet from `npm run registration`.',
    );
  }
  const problem = endpointUrlProblem(endpoint);
  return problem === undefined
    ? passed(id, title, `${endpoint} (use \`npm run register\`).`)
    : check(id, title, 'warn', `${problem}.`, 'Register by hand with the sheet from `npm run registration`.');
}
