import type { IncomingMessage, ServerResponse } from 'node:http';
import { readForm, sendHtml, sendJson } from '../http';

/**
 * The policy every sandbox page is held to, so an inline script or style slipping in fails in the
 * browser tests rather than in a hospital that sets this header.
 */
export const PAGE_CSP = "default-src 'self'; base-uri 'none'";

export function sendPage(res: ServerResponse, status: number, html: string): void {
  res.setHeader('Content-Security-Policy', PAGE_CSP);
  res.setHeader('Referrer-Policy', 'no-referrer');
  sendHtml(res, status, html);
}

/** 303 makes the browser follow a form POST with a GET, whatever the target. */
export function seeOther(res: ServerResponse, location: string): void {
  res.writeHead(303, { Location: location, 'Cache-Control': 'no-store' });
  res.end();
}

export function methodNotAllowed(res: ServerResponse, allowed: readonly string[]): void {
  res.writeHead(405, { Allow: allowed.join(', '), 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`Use ${allowed.join(' or ')}.`);
}

/** A form body, or undefined when the request is not application/x-www-form-urlencoded. */
export async function readUrlEncodedForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    return undefined;
  }
  return readForm(req);
}

/**
 * Answers a non-POST request to a JSON endpoint with 405 and an OAuth error body; returns true when
 * it did, so the endpoint can stop there.
 */
export function refusedUnlessPost(req: IncomingMessage, res: ServerResponse, endpoint: string): boolean {
  if (req.method === 'POST') {
    return false;
  }
  res.setHeader('Allow', 'POST');
  sendJson(res, 405, {
    error: 'invalid_request',
    error_description: `The ${endpoint} endpoint accepts POST only.`,
  });
  return true;
}
