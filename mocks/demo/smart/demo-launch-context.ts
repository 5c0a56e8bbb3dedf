/**
 * What the visitor picked on the demo's start page, carried as the SMART `launch` parameter and then
 * inside the authorization code. Base64url JSON, not a secret: nothing in the demo is.
 */
import { isRecord } from '../../../src/domain/guards';

export interface DemoLaunchContext {
  readonly patient: string;
  /** A relative reference, e.g. Practitioner/pr-alex-rivera. */
  readonly fhirUser: string;
}

export interface DemoAuthorizationCode {
  readonly context: DemoLaunchContext;
  readonly codeChallenge: string;
  readonly redirectUri: string;
  readonly scope: string;
}

export function encodeBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

export function decodeBase64Url(text: string): string | undefined {
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

function parseJson(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

export function readLaunchContext(launch: string): DemoLaunchContext | undefined {
  const value = parseJson(decodeBase64Url(launch));
  return isRecord(value) && typeof value.patient === 'string' && typeof value.fhirUser === 'string'
    ? { patient: value.patient, fhirUser: value.fhirUser }
    : undefined;
}

export function readAuthorizationCode(code: string): DemoAuthorizationCode | undefined {
  const value = parseJson(decodeBase64Url(code));
  if (!isRecord(value) || !isRecord(value.context)) {
    return undefined;
  }
  const context = readLaunchContext(encodeBase64Url(JSON.stringify(value.context)));
  const { codeChallenge, redirectUri, scope } = value;
  return context &&
    typeof codeChallenge === 'string' &&
    typeof redirectUri === 'string' &&
    typeof scope === 'string'
    ? { context, codeChallenge, redirectUri, scope }
    : undefined;
}

/** RFC 7636 S256: base64url(SHA-256(verifier)). */
export async function s256(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return btoa(String.fromCharCode(...new Uint8Array(digest)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}
