import { parseReference, type ResourceId } from '../domain/references';
import { FhirHttpError, NetworkError, SessionExpiredError, UnreadableResponseError } from './fhir-errors';
import { readOperationOutcome, parseRetryAfter } from './response-reading';

/**
 * The part of fhirclient's Client this layer relies on. fhirclient runs the SMART flow and keeps and
 * refreshes tokens; requests go through our own fetch because fhirclient 2.6 clears its whole state
 * on any 401 instead of refreshing, and hides the HTTP facts the UI needs to say what happened.
 */
export interface SmartClient {
  readonly state: {
    readonly serverUrl: string;
    readonly key?: string;
    readonly expiresAt?: number;
    readonly tokenResponse?: {
      readonly access_token?: string;
      readonly refresh_token?: string;
      readonly patient?: string;
      readonly encounter?: string;
      readonly need_patient_banner?: boolean;
      readonly scope?: string;
      readonly expires_in?: number;
    };
  };
  getAuthorizationHeader(): string | null;
  getFhirUser(): string | null;
  refresh(): Promise<unknown>;
}

export interface LaunchContext {
  readonly serverUrl: string;
  /** Identifies this launch; every piece of stored state is keyed by it. */
  readonly launchKey: string;
  readonly patientId?: string;
  readonly encounterId?: string;
  readonly fhirUser?: ResourceId;
  readonly needPatientBanner: boolean;
  readonly grantedScope: string;
}

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

export interface FhirResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Headers;
}

export interface FhirSession {
  readonly context: LaunchContext;
  /** Sends a request relative to the FHIR base and returns the parsed JSON body (undefined if empty). */
  request(path: string, options?: RequestOptions): Promise<FhirResponse>;
}

/**
 * Refresh this long before expiry, so a note being typed never meets an expired token; a fifth of
 * the token's lifetime when that is shorter, so short-lived tokens are not refreshed on every request.
 */
const REFRESH_MARGIN_SECONDS = 120;
const REFRESH_MARGIN_SHARE = 0.2;
const DEFAULT_TIMEOUT_MS = 20_000;

export function readLaunchContext(client: SmartClient): LaunchContext {
  const token = client.state.tokenResponse ?? {};
  const fhirUser = parseReference(client.getFhirUser() ?? undefined);
  return {
    serverUrl: client.state.serverUrl.replace(/\/+$/, ''),
    launchKey: client.state.key ?? '',
    ...(token.patient ? { patientId: token.patient } : {}),
    ...(token.encounter ? { encounterId: token.encounter } : {}),
    ...(fhirUser ? { fhirUser } : {}),
    // The spec's default when the server says nothing is to show a banner.
    needPatientBanner: token.need_patient_banner !== false,
    grantedScope: token.scope ?? '',
  };
}

/** Absolute URLs (paging links) pass through; batch and transaction Bundles go to the bare base. */
function resolveUrl(serverUrl: string, path: string): string {
  if (/^https?:\/\//.test(path)) {
    return path;
  }
  const relative = path.replace(/^\/+/, '');
  return relative ? `${serverUrl}/${relative}` : serverUrl;
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

export function createFhirSession(client: SmartClient, fetchImpl?: typeof fetch): FhirSession {
  // Looked up per request, not captured here, so a fetch wrapped later (tests, demo mode) is used.
  const doFetch: typeof fetch = (input, init) => (fetchImpl ?? globalThis.fetch)(input, init);
  const context = readLaunchContext(client);

  const canRefresh = (): boolean => Boolean(client.state.tokenResponse?.refresh_token);
  const isExpired = (): boolean => (client.state.expiresAt ?? Infinity) <= nowSeconds();

  async function refreshOrExpire(): Promise<void> {
    if (!canRefresh()) {
      throw new SessionExpiredError();
    }
    try {
      await client.refresh();
    } catch {
      throw new SessionExpiredError();
    }
  }

  async function refreshEarly(): Promise<void> {
    const expiresAt = client.state.expiresAt;
    const lifetime = client.state.tokenResponse?.expires_in ?? Infinity;
    const margin = Math.min(REFRESH_MARGIN_SECONDS, lifetime * REFRESH_MARGIN_SHARE);
    if (expiresAt === undefined || !canRefresh() || expiresAt - margin > nowSeconds()) {
      return;
    }
    try {
      await client.refresh();
    } catch {
      // The current token may still have a few seconds left: only a token that is already
      // expired makes this fatal.
      if (isExpired()) {
        throw new SessionExpiredError();
      }
    }
  }

  async function send(url: string, options: RequestOptions): Promise<Response> {
    const authorization = client.getAuthorizationHeader();
    if (!authorization) {
      throw new SessionExpiredError();
    }
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    try {
      return await doFetch(url, {
        method: options.method ?? 'GET',
        headers: {
          Accept: 'application/fhir+json',
          ...(options.body === undefined ? {} : { 'Content-Type': 'application/fhir+json' }),
          ...options.headers,
          Authorization: authorization,
        },
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
        signal: controller.signal,
        // Tokens travel in the header only; no cookies to the FHIR server.
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch {
      throw new NetworkError(timedOut);
    } finally {
      clearTimeout(timer);
    }
  }

  async function readBody(response: Response): Promise<unknown> {
    let text: string;
    try {
      text = await response.text();
    } catch {
      throw new NetworkError(false);
    }
    if (text.trim() === '') {
      return undefined;
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      const looksLikeHtml = /^\s*</.test(text);
      throw new UnreadableResponseError(
        response.status,
        looksLikeHtml ? 'an HTML page instead of FHIR JSON' : 'invalid JSON',
      );
    }
  }

  async function request(path: string, options: RequestOptions = {}): Promise<FhirResponse> {
    const url = resolveUrl(context.serverUrl, path);
    await refreshEarly();
    let response = await send(url, options);
    if (response.status === 401) {
      await refreshOrExpire();
      response = await send(url, options);
      if (response.status === 401) {
        throw new SessionExpiredError();
      }
    }
    if (!response.ok) {
      const outcome = await readOperationOutcome(response);
      throw new FhirHttpError(response.status, outcome, parseRetryAfter(response.headers.get('Retry-After')));
    }
    return { status: response.status, body: await readBody(response), headers: response.headers };
  }

  return { context, request };
}
