import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CapabilityStatement, Resource } from 'fhir/r4';
import type { VerifyAccessToken } from '../access-grant';
import type { RouteHandler } from '../http';
import { applyCors, BodyTooLargeError, readBody, sendJson } from '../http';
import { Authorizer } from './authorization';
import { processBundle } from './bundles';
import { parseETag, parseInteraction } from './interactions';
import type { FhirOperations, FhirResult } from './operations';
import { badRequest, fhirError, operationOutcome, toFhirError } from './outcomes';
import { getVersionHeaders } from './response-entry';
import { stripReferenceDisplays } from './strip-displays';
import type { Personality, WriteAnswer } from '../personalities';
import { getPersonality } from '../personalities';

const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const JSON_TYPES = new Set([
  'application/fhir+json',
  'application/json',
  'application/json+fhir',
  'application/json-patch+json',
]);

export interface HttpHandlerOptions {
  readonly baseUrl: string;
  readonly operations: FhirOperations;
  readonly capabilityStatement: CapabilityStatement;
  readonly verifyAccessToken: VerifyAccessToken;
  /** The vendor policy in front of the engine; default the open server. */
  readonly personality?: Personality;
  /** Answer with references stripped of `display`, as many real EHRs do (strip-displays.ts). */
  readonly stripDisplays?: boolean;
}

/**
 * The FHIR REST API over HTTP: every path under the base except `.well-known/`, which belongs to
 * the authorization server. Everything but `/metadata` needs a bearer token.
 */
export function createHttpHandler(options: HttpHandlerOptions): RouteHandler {
  const { baseUrl, operations, capabilityStatement, verifyAccessToken } = options;
  const policy = options.personality ?? getPersonality('open');
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, '');
  const answerOf = (result: FhirResult): FhirResult =>
    options.stripDisplays && result.resource
      ? { ...result, resource: stripReferenceDisplays(result.resource) as Resource }
      : result;

  return async (req, res, url) => {
    const { pathname } = url;
    if (pathname !== basePath && !pathname.startsWith(`${basePath}/`)) {
      return false;
    }
    if (pathname.startsWith(`${basePath}/.well-known/`)) {
      return false;
    }
    if (applyCors(req, res)) {
      return true;
    }
    const path = pathname.slice(basePath.length).replace(/^\/+/, '');
    const method = req.method ?? 'GET';
    try {
      if (path === 'metadata' && method === 'GET') {
        sendFhir(res, 200, capabilityStatement);
        return true;
      }
      const check = await verifyAccessToken(req.headers.authorization);
      if (!check.ok) {
        sendUnauthorized(res, baseUrl, check.reason, check.message);
        return true;
      }
      const isSearchByPost = method === 'POST' && path.endsWith('/_search');
      const body = await readRequestBody(req, method, isSearchByPost);
      const params = new URLSearchParams(url.searchParams);
      if (body instanceof URLSearchParams) {
        for (const [key, value] of body) {
          params.append(key, value);
        }
      }
      const authorizer = new Authorizer(check.grant, baseUrl);
      const policyContext = { statement: capabilityStatement, grant: check.grant, authorizer, operations };
      const ifMatch = header(req, 'if-match');
      const handled = await policy.handle?.(
        { method, path, body, ifMatch: parseETag(ifMatch) },
        policyContext,
      );
      if (handled) {
        sendResult(res, answerOf(handled), baseUrl, policy.writeAnswer, header(req, 'prefer') ?? '');
        return true;
      }
      const interaction = await policy.admit(
        parseInteraction({ method, path, params, body, ifNoneExist: header(req, 'if-none-exist'), ifMatch }),
        policyContext,
      );
      const prefer = header(req, 'prefer') ?? '';
      let result: FhirResult;
      if (interaction.kind === 'bundle') {
        result = { status: 200, resource: await processBundle(interaction.body, operations, authorizer) };
      } else {
        result = await operations.execute(interaction, authorizer, /handling=strict/.test(prefer));
      }
      const isWrite = interaction.kind === 'create' || interaction.kind === 'update';
      sendResult(res, answerOf(result), baseUrl, policy.writeAnswer, isWrite ? prefer : undefined);
    } catch (error) {
      const failure = policy.refusal(toFhirError(error));
      sendFhir(res, failure.status, failure.outcome);
    }
    return true;
  };
}

/** `prefer` is the Prefer header of a write (undefined for reads); `answer` is how the personality answers writes. */
function sendResult(
  res: ServerResponse,
  result: FhirResult,
  baseUrl: string,
  answer: WriteAnswer,
  prefer: string | undefined,
): void {
  const headers = getVersionHeaders(result, baseUrl);
  if (answer.location === 'unversioned' && headers.Location) {
    headers.Location = headers.Location.replace(/\/_history\/[^/]*$/, '');
  }
  let preferReturn: string | undefined;
  if (prefer !== undefined) {
    preferReturn =
      answer.body === 'empty' ? 'minimal' : /return=(minimal|OperationOutcome)/.exec(prefer)?.[1];
  }
  if (result.status === 204 || !result.resource || preferReturn === 'minimal') {
    res.writeHead(result.status, { 'Cache-Control': 'no-store', ...headers });
    res.end();
    return;
  }
  const body: Resource =
    preferReturn === 'OperationOutcome'
      ? operationOutcome(
          'information',
          'informational',
          `${result.status === 201 ? 'Created' : 'Updated'} ${result.resource.resourceType}/${result.resource.id ?? ''}`,
        )
      : result.resource;
  sendFhir(res, result.status, body, headers);
}

function sendFhir(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, body, { 'Content-Type': FHIR_JSON, ...headers });
}

/** RFC 6750 section 3: the challenge tells a client its token is the problem, so it can re-authorize. */
function sendUnauthorized(
  res: ServerResponse,
  baseUrl: string,
  reason: 'missing' | 'invalid' | 'expired',
  message: string,
): void {
  const description = message.replace(/["\\]/g, "'");
  const outcome = operationOutcome('error', reason === 'expired' ? 'expired' : 'login', message);
  sendFhir(res, 401, outcome, {
    'WWW-Authenticate': `Bearer realm="${baseUrl}", error="invalid_token", error_description="${description}"`,
  });
}

async function readRequestBody(
  req: IncomingMessage,
  method: string,
  isSearchByPost: boolean,
): Promise<unknown> {
  if (method !== 'POST' && method !== 'PUT' && method !== 'PATCH') {
    return undefined;
  }
  let text: string;
  try {
    text = await readBody(req);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      throw fhirError(413, 'too-costly', error.message);
    }
    throw error;
  }
  const contentType = (req.headers['content-type'] ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
  if (isSearchByPost) {
    return new URLSearchParams(contentType === 'application/x-www-form-urlencoded' ? text : '');
  }
  if (contentType !== '' && !JSON_TYPES.has(contentType)) {
    throw fhirError(
      415,
      'not-supported',
      `Send FHIR resources as application/fhir+json, not ${contentType}.`,
    );
  }
  if (text.trim() === '') {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
