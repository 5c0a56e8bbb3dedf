import { NON_RESOURCE_SCOPES } from '../smart-scopes';
import type { AuthEndpoints } from './types';

/**
 * Capabilities the sandbox really implements; each one is exercised by the tests.
 * https://hl7.org/fhir/smart-app-launch/conformance.html#capabilities
 */
const CAPABILITIES = [
  'launch-ehr',
  'launch-standalone',
  'authorize-post',
  'client-public',
  'context-banner',
  'context-style',
  'context-ehr-patient',
  'context-ehr-encounter',
  'context-standalone-patient',
  'sso-openid-connect',
  'permission-offline',
  'permission-online',
  'permission-patient',
  'permission-user',
  'permission-v1',
  'permission-v2',
];

/** Examples, not a closed list: any well-formed patient/ or user/ scope is accepted. */
const SCOPES_SUPPORTED = [
  ...NON_RESOURCE_SCOPES,
  'patient/*.rs',
  'patient/*.cruds',
  'user/*.rs',
  'user/*.cruds',
  'patient/*.read',
  'patient/*.write',
  'user/*.read',
  'user/*.write',
];

export interface DiscoveryInput {
  issuer: string;
  endpoints: AuthEndpoints;
}

/** The issuer and endpoints, named the same way in SMART and OpenID Connect discovery. */
function endpointFields({ issuer, endpoints }: DiscoveryInput): Record<string, string> {
  return {
    issuer,
    jwks_uri: endpoints.jwks,
    authorization_endpoint: endpoints.authorize,
    token_endpoint: endpoints.token,
    registration_endpoint: endpoints.register,
  };
}

/** `.well-known/smart-configuration` https://hl7.org/fhir/smart-app-launch/conformance.html#metadata */
export function buildSmartConfiguration(input: DiscoveryInput): Record<string, unknown> {
  return {
    ...endpointFields(input),
    grant_types_supported: ['authorization_code', 'refresh_token'],
    token_endpoint_auth_methods_supported: ['none'],
    scopes_supported: SCOPES_SUPPORTED,
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256'],
    capabilities: CAPABILITIES,
  };
}

/** OpenID Connect discovery, for clients that verify the id_token with generic OIDC libraries. */
export function buildOpenIdConfiguration(input: DiscoveryInput): Record<string, unknown> {
  return {
    ...endpointFields(input),
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['ES256'],
    token_endpoint_auth_methods_supported: ['none'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    scopes_supported: ['openid', 'fhirUser', 'profile', 'offline_access'],
    claims_supported: ['iss', 'sub', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'fhirUser', 'name'],
  };
}
