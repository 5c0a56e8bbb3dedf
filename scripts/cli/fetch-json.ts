/**
 * The only network code of the preflight and register commands: one unauthenticated GET or POST whose
 * every outcome (unreachable host, timeout, HTTP error, an HTML sign-in portal, broken JSON) comes
 * back as a value, so the checks above it are pure and never see a stack trace.
 */

export type JsonAnswer =
  | { readonly kind: 'json'; readonly status: number; readonly body: unknown }
  | { readonly kind: 'unreachable'; readonly reason: string }
  | { readonly kind: 'not-json'; readonly status: number; readonly html: boolean; readonly start: string };

export interface JsonRequest {
  readonly method?: 'GET' | 'POST';
  readonly body?: unknown;
  readonly timeoutMs?: number;
  readonly fetchImpl?: typeof fetch;
}

const DEFAULT_TIMEOUT_MS = 15_000;

function errorReason(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError') {
      return 'no answer within the time limit';
    }
    // Node's fetch hides the socket error (ECONNREFUSED, ENOTFOUND, certificate problems) in `cause`.
    const cause: unknown = error.cause;
    if (cause instanceof Error) {
      const code = (cause as { code?: unknown }).code;
      return typeof code === 'string' ? `${code}: ${cause.message}` : cause.message;
    }
    return error.message;
  }
  return String(error);
}

/** Fetches `url` and reads it as JSON; HTTP error statuses with a JSON body still count as `json`. */
export async function fetchJson(url: string, request: JsonRequest = {}): Promise<JsonAnswer> {
  const fetchImpl = request.fetchImpl ?? fetch;
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: request.method ?? 'GET',
      headers: {
        Accept: 'application/json, application/fhir+json;q=0.9',
        ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      redirect: 'follow',
      signal: AbortSignal.timeout(request.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  } catch (error) {
    return { kind: 'unreachable', reason: errorReason(error) };
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    return { kind: 'unreachable', reason: `the answer broke off: ${errorReason(error)}` };
  }
  const contentType = response.headers.get('content-type') ?? '';
  try {
    return { kind: 'json', status: response.status, body: JSON.parse(text) as unknown };
  } catch {
    const start = text.trimStart().slice(0, 80).replace(/\s+/g, ' ');
    const html = contentType.includes('html') || start.startsWith('<');
    return { kind: 'not-json', status: response.status, html, start };
  }
}

/** Plain words for an answer that is not the JSON asked for, naming the URL. */
export function describeUnusableAnswer(url: string, answer: Exclude<JsonAnswer, { kind: 'json' }>): string {
  switch (answer.kind) {
    case 'unreachable':
      return `Could not reach ${url} (${answer.reason}).`;
    case 'not-json':
      return answer.html
        ? `${url} answered HTTP ${answer.status} with an HTML page, not JSON (a sign-in portal, proxy or web server error page?).`
        : `${url} answered HTTP ${answer.status} with something that is not JSON: "${answer.start}".`;
  }
}
