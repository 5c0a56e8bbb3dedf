/**
 * msw request handlers that put a `MemoryFhirServer` under a FHIR base: the same handlers serve the
 * demo (msw's service worker, `setupWorker`) and the unit tests (`setupServer` in Node).
 * https://mswjs.io/docs/concepts/request-handler
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import { isBundle } from '../../src/domain/guards';
import type { FhirReply } from './fhir-call';
import type { MemoryFhirServer } from './memory-fhir-server';
import { badRequest, unauthorized } from './outcomes';

/**
 * How writes are answered: `representation` sends the resource unless `Prefer: return=minimal`
 * (as Medplum does); `location-only` never sends the resource back; `empty` sends no body and no
 * Location at all. The last two are EHRs PeerBridge must cope with.
 */
export type WriteAnswer = 'representation' | 'location-only' | 'empty';

export interface FakeFhirHandlerOptions {
  /** Whether a request may reach the server; others get 401 (default: every request). */
  readonly authorized?: (request: Request) => boolean;
  readonly writeAnswer?: WriteAnswer;
  /** Called after every request that could have changed data, once it is answered. */
  readonly afterWrite?: () => void;
}

export function fhirJson(
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): Response {
  return new HttpResponse(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/fhir+json', ...headers },
  });
}

/** The path below the base with its query: '' for the base, `Patient/1`, `Encounter?patient=…`. */
export function pathBelow(base: string, url: string): string {
  return url.slice(base.length).replace(/^\/+/, '');
}

function readBody(text: string): { ok: true; body: unknown } | { ok: false } {
  try {
    return { ok: true, body: text ? (JSON.parse(text) as unknown) : undefined };
  } catch {
    return { ok: false };
  }
}

function answerWrite(reply: FhirReply, answer: WriteAnswer, prefer: string): Response {
  if (answer === 'empty') {
    return new HttpResponse(null, { status: reply.status });
  }
  const bodyless = answer === 'location-only' || /return=minimal/.test(prefer);
  return bodyless && reply.status < 400
    ? new HttpResponse(null, { status: reply.status, headers: { ...reply.headers } })
    : fhirJson(reply.status, reply.body, reply.headers);
}

/** A transaction-response as a `location-only` or `empty` EHR sends it. */
function answerTransaction(reply: FhirReply, answer: WriteAnswer): Response {
  if (answer === 'empty' && reply.status < 400) {
    return new HttpResponse(null, { status: reply.status });
  }
  const body = reply.body;
  if (answer === 'location-only' && isBundle(body)) {
    const entry = body.entry?.map(({ resource: _resource, ...rest }) => rest);
    return fhirJson(reply.status, { ...body, ...(entry ? { entry } : {}) });
  }
  return fhirJson(reply.status, body, reply.headers);
}

/** The fake's answer to one HTTP request. */
export async function answerFhirRequest(
  server: MemoryFhirServer,
  request: Request,
  options: FakeFhirHandlerOptions = {},
): Promise<Response> {
  if (options.authorized && !options.authorized(request)) {
    return fhirJson(401, unauthorized('The access token is missing, expired or not one this server issued.'));
  }
  const path = pathBelow(server.base, request.url);
  const parsed = readBody(request.method === 'GET' ? '' : await request.text());
  if (!parsed.ok) {
    return fhirJson(400, badRequest('The request body is not valid JSON.'));
  }
  const reply = server.handle({
    method: request.method,
    path,
    body: parsed.body,
    ifNoneExist: request.headers.get('If-None-Exist') ?? undefined,
    ifMatch: request.headers.get('If-Match') ?? undefined,
  });
  if (request.method === 'GET') {
    return fhirJson(reply.status, reply.body, reply.headers);
  }
  options.afterWrite?.();
  const answer = options.writeAnswer ?? 'representation';
  if (path === '') {
    const isTransaction = isBundle(parsed.body) && parsed.body.type === 'transaction';
    return isTransaction ? answerTransaction(reply, answer) : fhirJson(reply.status, reply.body);
  }
  return answerWrite(reply, answer, request.headers.get('Prefer') ?? '');
}

/** Handlers for every method under the server's base. */
export function fakeFhirHandlers(
  server: MemoryFhirServer,
  options: FakeFhirHandlerOptions = {},
): HttpHandler[] {
  const resolve = ({ request }: { request: Request }) => answerFhirRequest(server, request, options);
  return [http.all(server.base, resolve), http.all(`${server.base}/*`, resolve)];
}
