/**
 * The RFC 7591 registration PeerBridge asks for, and how the answer is read.
 * https://www.rfc-editor.org/rfc/rfc7591#section-2 and
 * https://hl7.org/fhir/smart-app-launch/app-launch.html#register-app-with-ehr
 */
import { isRecord, optionalString, stringList } from '../cli/json-values';

export const CLIENT_NAME = 'PeerBridge';

/**
 * A public browser client with PKCE. No `scope`: several authorization servers (the sandbox's among
 * them) refuse SMART scopes in registration metadata, and SMART servers take the scopes from each
 * authorization request anyway, so asking for them here would only make registration fail.
 */
export function registrationMetadata(redirectUri: string): Record<string, unknown> {
  return {
    client_name: CLIENT_NAME,
    redirect_uris: [redirectUri],
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
  };
}

export interface RegisteredClient {
  readonly clientId: string;
  readonly redirectUris: readonly string[];
  readonly grantTypes: readonly string[];
  readonly tokenEndpointAuthMethod?: string;
  readonly clientName?: string;
  /** A confidential registration would be useless to a browser app; we warn if the server made one. */
  readonly issuedSecret: boolean;
}

export type RegistrationAnswer =
  { readonly ok: true; readonly client: RegisteredClient } | { readonly ok: false; readonly message: string };

/** Reads a 201 (or 200) answer; anything else becomes the server's error in words. */
export function readRegistrationAnswer(status: number, body: unknown): RegistrationAnswer {
  if (status >= 200 && status <= 299 && isRecord(body)) {
    const clientId = optionalString(body.client_id);
    if (clientId === undefined) {
      return { ok: false, message: `The server answered HTTP ${status} without a client_id.` };
    }
    const method = optionalString(body.token_endpoint_auth_method);
    const name = optionalString(body.client_name);
    return {
      ok: true,
      client: {
        clientId,
        redirectUris: stringList(body.redirect_uris),
        grantTypes: stringList(body.grant_types),
        ...(method === undefined ? {} : { tokenEndpointAuthMethod: method }),
        ...(name === undefined ? {} : { clientName: name }),
        issuedSecret: optionalString(body.client_secret) !== undefined,
      },
    };
  }
  const error = isRecord(body) ? optionalString(body.error) : undefined;
  const description = isRecord(body) ? optionalString(body.error_description) : undefined;
  const reason = [error, description].filter((part) => part !== undefined).join(': ');
  return {
    ok: false,
    message: `The server refused the registration (HTTP ${status}${reason === '' ? '' : `, ${reason}`}).`,
  };
}
