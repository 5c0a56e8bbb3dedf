/**
 * Asks the authorization server to start a standalone launch for a client id, and reads whether it
 * accepted the client and redirect URI (shows its sign-in) or refused them (an error page or an error
 * redirect). Nobody signs in and no token is issued: it proves the registration before anyone launches.
 * https://hl7.org/fhir/smart-app-launch/app-launch.html#obtain-authorization-code
 */
import { createHash, randomBytes } from 'node:crypto';

export interface AuthorizeProbeRequest {
  readonly authorizationEndpoint: string;
  readonly clientId: string;
  readonly redirectUri: string;
  /** The FHIR base, sent as `aud`. */
  readonly aud: string;
  readonly fetchImpl?: typeof fetch;
}

export type AuthorizeProbeOutcome =
  | { readonly kind: 'accepted'; readonly status: number; readonly detail: string }
  | { readonly kind: 'refused'; readonly status: number; readonly detail: string }
  | { readonly kind: 'unreachable'; readonly reason: string };

export function authorizeProbeUrl(request: AuthorizeProbeRequest): string {
  const verifier = randomBytes(32).toString('base64url');
  const url = new URL(request.authorizationEndpoint);
  const params: Record<string, string> = {
    response_type: 'code',
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    // Standalone: an EHR launch would also need a `launch` id that only the EHR can make.
    scope: 'launch/patient openid fhirUser',
    state: randomBytes(16).toString('base64url'),
    aud: request.aud,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  };
  for (const [name, value] of Object.entries(params)) {
    url.searchParams.set(name, value);
  }
  return url.href;
}

const ENTITIES: Readonly<Record<string, string>> = {
  quot: '"',
  '#34': '"',
  apos: "'",
  '#39': "'",
  '#x27': "'",
  lt: '<',
  gt: '>',
  nbsp: ' ',
  amp: '&',
};

/** The words of an error page or OAuth error JSON, short enough for one report line. */
function readableText(body: string): string {
  try {
    const json = JSON.parse(body) as { error?: unknown; error_description?: unknown };
    return [json.error, json.error_description].filter((part) => typeof part === 'string').join(': ');
  } catch {
    return (
      body
        // Page chrome (title, banner, navigation) says nothing about the error.
        .replace(/<(head|script|style|header|nav|footer)\b[\s\S]*?<\/\1>/gi, ' ')
        .replace(/<[^>]*>/g, ' ')
        .replace(/&(quot|#34|apos|#39|#x27|lt|gt|nbsp|amp);/g, (_, entity: string) => ENTITIES[entity] ?? ' ')
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, 240)
    );
  }
}

export async function probeAuthorize(request: AuthorizeProbeRequest): Promise<AuthorizeProbeOutcome> {
  const fetchImpl = request.fetchImpl ?? fetch;
  let response: Response;
  try {
    response = await fetchImpl(authorizeProbeUrl(request), {
      redirect: 'manual',
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    return { kind: 'unreachable', reason: error instanceof Error ? error.message : String(error) };
  }
  const status = response.status;
  const body = await response.text().catch(() => '');
  if (status >= 300 && status < 400) {
    const location = response.headers.get('location') ?? '';
    const target = new URL(location, request.authorizationEndpoint);
    const error = target.searchParams.get('error');
    if (location.startsWith(request.redirectUri) && error !== null) {
      const description = target.searchParams.get('error_description') ?? '';
      return { kind: 'refused', status, detail: [error, description].filter((p) => p !== '').join(': ') };
    }
    return {
      kind: 'accepted',
      status,
      detail: `redirected to ${target.origin}${target.pathname} to sign in`,
    };
  }
  if (status >= 200 && status < 300) {
    return { kind: 'accepted', status, detail: 'answered with a page (sign-in or patient picker)' };
  }
  return { kind: 'refused', status, detail: readableText(body) || `HTTP ${status}` };
}
