/**
 * Fault injection for the fake FHIR server: an msw layer in front of it that makes the next
 * requests fail the ways real EHRs and networks fail, to prove PeerBridge's writes survive each
 * without writing anything twice. The server behind stays the one fake; only the answer changes.
 */
import type { OperationOutcomeIssue } from 'fhir/r4';
import { HttpResponse } from 'msw';
import { fhirJson } from './msw-handlers';
import type { RecordedRequest } from './recorded-request';

/** HTTP error statuses the injector can answer with; each carries an OperationOutcome. */
export type FaultStatus = 400 | 401 | 403 | 404 | 409 | 412 | 422 | 429 | 500 | 502 | 503;

/**
 * What goes wrong with a request:
 * - an HTTP status with an OperationOutcome (429 and 503 also send Retry-After);
 * - `network`: the connection fails (no answer at all);
 * - `timeout`: the server never answers;
 * - `html`: a 200 whose body is an HTML page (a proxy's sign-in page);
 * - `html-502`: a gateway's HTML error page;
 * - `truncated`: a 200 whose JSON is cut off part-way (the write was applied);
 * - `drop-after-commit`: the server applies the write, then the answer is lost as a network error.
 */
export type Fault =
  FaultStatus | 'network' | 'timeout' | 'html' | 'html-502' | 'truncated' | 'drop-after-commit';

export interface FaultOptions {
  /** The Retry-After header of a 429 or 503, in seconds (default 1). */
  readonly retryAfterSeconds?: number;
  /**
   * Whether the server applies the write before the fault. Defaults to true for `truncated` and
   * `drop-after-commit` and false for every other fault.
   */
  readonly commit?: boolean;
  /** Which requests the fault hits (default: every request). */
  readonly when?: (request: RecordedRequest) => boolean;
}

export interface FaultLayer {
  /** The next `count` requests that `options.when` accepts meet `fault`. */
  failNext(count: number, fault: Fault, options?: FaultOptions): void;
  /** Faults still waiting for a request. */
  pendingFaults(): number;
  /**
   * The answer to one request: the server's (`answer`), or what a pending fault makes of it. Says
   * which fault met the request, if one did.
   */
  respond(
    seen: RecordedRequest,
    answer: () => Promise<Response>,
  ): { fault?: Fault; response: Promise<Response> };
}

interface PendingFault {
  remaining: number;
  readonly fault: Fault;
  readonly options: FaultOptions;
}

const FAULT_OUTCOMES: Record<FaultStatus, { code: OperationOutcomeIssue['code']; text: string }> = {
  400: { code: 'invalid', text: 'The request could not be understood.' },
  401: { code: 'login', text: 'The access token has expired.' },
  403: { code: 'forbidden', text: 'The user may not write Observations.' },
  404: { code: 'not-found', text: 'The resource type is not known here.' },
  409: { code: 'conflict', text: 'Another request is changing this resource.' },
  412: { code: 'conflict', text: 'The resource has changed since it was read.' },
  422: { code: 'processing', text: 'Observation.status is not a valid code.' },
  429: { code: 'throttled', text: 'Too many requests.' },
  500: { code: 'exception', text: 'Internal server error.' },
  502: { code: 'transient', text: 'Bad gateway.' },
  503: { code: 'transient', text: 'The server is down for maintenance.' },
};

const HTML_SIGN_IN =
  '<!DOCTYPE html><html><head><title>Sign in</title></head><body><form>Your session at the hospital proxy has ended.</form></body></html>';
const HTML_502 =
  '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>';
/** What a truncated answer cuts in half when the server's own answer is too short to cut. */
const SHORT_TRANSACTION_RESPONSE =
  '{"resourceType":"Bundle","type":"transaction-response","entry":[{"response":{"status":"201 Created"}}]}';

async function truncated(committed: Response | undefined): Promise<Response> {
  const text = committed ? await committed.text() : '';
  const full = text.length > 20 ? text : SHORT_TRANSACTION_RESPONSE;
  return new HttpResponse(full.slice(0, Math.floor(full.length / 2)), {
    status: 200,
    headers: { 'Content-Type': 'application/fhir+json' },
  });
}

function faultResponse(
  fault: Fault,
  options: FaultOptions,
  committed: Response | undefined,
): Promise<Response> {
  if (typeof fault === 'number') {
    const { code, text } = FAULT_OUTCOMES[fault];
    const wait =
      fault === 429 || fault === 503 ? { 'Retry-After': String(options.retryAfterSeconds ?? 1) } : undefined;
    return Promise.resolve(
      fhirJson(
        fault,
        { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics: text }] },
        wait,
      ),
    );
  }
  switch (fault) {
    case 'network':
    case 'drop-after-commit':
      return Promise.resolve(HttpResponse.error());
    case 'timeout':
      return new Promise<Response>(() => undefined);
    case 'html':
      return Promise.resolve(HttpResponse.html(HTML_SIGN_IN, { status: 200 }));
    case 'html-502':
      return Promise.resolve(HttpResponse.html(HTML_502, { status: 502 }));
    case 'truncated':
      return truncated(committed);
  }
}

export function createFaultLayer(): FaultLayer {
  const faults: PendingFault[] = [];

  function take(seen: RecordedRequest): PendingFault | undefined {
    const pending = faults.find((f) => f.remaining > 0 && (f.options.when?.(seen) ?? true));
    if (pending) {
      pending.remaining -= 1;
    }
    return pending;
  }

  return {
    failNext(count, fault, options = {}) {
      faults.push({ remaining: count, fault, options });
    },
    pendingFaults() {
      return faults.reduce((sum, f) => sum + f.remaining, 0);
    },
    respond(seen, answer) {
      const pending = take(seen);
      if (!pending) {
        return { response: answer() };
      }
      const { fault, options } = pending;
      const commit = options.commit ?? (fault === 'truncated' || fault === 'drop-after-commit');
      const response = (commit ? answer() : Promise.resolve(undefined)).then((committed) =>
        faultResponse(fault, options, committed),
      );
      return { fault, response };
    },
  };
}
