/**
 * The demo EHR's token endpoint (https://hl7.org/fhir/smart-app-launch/app-launch.html#obtain-access-token):
 * checks the PKCE verifier against the challenge the authorize page put in the code, then answers
 * with the launch context the visitor picked. The id_token is unsigned: fhirclient only reads it,
 * and a signature would prove nothing about a server that runs in the same page.
 */
import { DEMO_CLIENT_ID } from './demo-site';
import { encodeBase64Url, readAuthorizationCode, s256 } from './demo-launch-context';

export interface TokenReply {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

function oauthError(error: string, description: string): TokenReply {
  return { status: 400, body: { error, error_description: description } };
}

export async function exchangeCode(form: URLSearchParams, issuer: string): Promise<TokenReply> {
  if (form.get('grant_type') !== 'authorization_code') {
    return oauthError('unsupported_grant_type', 'The demo EHR gives tokens for authorization codes only.');
  }
  const code = readAuthorizationCode(form.get('code') ?? '');
  if (!code) {
    return oauthError('invalid_grant', 'The authorization code is not one the demo EHR issued.');
  }
  if (form.get('client_id') !== DEMO_CLIENT_ID) {
    return oauthError('invalid_client', `The demo EHR knows only the client ${DEMO_CLIENT_ID}.`);
  }
  if (form.get('redirect_uri') !== code.redirectUri) {
    return oauthError('invalid_grant', 'redirect_uri differs from the one in the authorization request.');
  }
  if ((await s256(form.get('code_verifier') ?? '')) !== code.codeChallenge) {
    return oauthError('invalid_grant', 'The PKCE code_verifier does not match the code_challenge.');
  }
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    iss: issuer,
    sub: code.context.fhirUser,
    aud: DEMO_CLIENT_ID,
    iat: now,
    exp: now + 3600,
    fhirUser: code.context.fhirUser,
  };
  return {
    status: 200,
    body: {
      access_token: `demo-${crypto.randomUUID()}`,
      token_type: 'Bearer',
      expires_in: 3600,
      scope: code.scope,
      patient: code.context.patient,
      need_patient_banner: true,
      id_token: `${encodeBase64Url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${encodeBase64Url(JSON.stringify(claims))}.`,
    },
  };
}

export function smartConfiguration(site: {
  authorizeUrl: string;
  tokenUrl: string;
  fhirBase: string;
}): Record<string, unknown> {
  return {
    issuer: site.fhirBase,
    authorization_endpoint: site.authorizeUrl,
    token_endpoint: site.tokenUrl,
    grant_types_supported: ['authorization_code'],
    token_endpoint_auth_methods_supported: ['none'],
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256'],
    scopes_supported: ['openid', 'fhirUser', 'launch', 'patient/*.rs', 'user/*.cruds'],
    capabilities: [
      'launch-ehr',
      'client-public',
      'context-banner',
      'context-ehr-patient',
      'sso-openid-connect',
      'permission-user',
      'permission-patient',
      'permission-v2',
    ],
  };
}
