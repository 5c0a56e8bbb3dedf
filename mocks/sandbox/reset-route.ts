import { timingSafeEqual } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomToken } from './auth/random-token';
import type { RouteHandler } from './http';
import { sendJson } from './http';

export const RESET_PATH = '/sandbox/reset';
const SECRET_FILE = 'reset-secret';

/**
 * A new secret for `POST /sandbox/reset`, written (owner-only) into the sandbox's data folder, where
 * `npm run sandbox:reset` reads it. Anyone who can read that folder can already wipe the data; a web
 * page in the browser cannot, not even by a form post, since the secret travels in a header.
 */
export async function createResetSecret(dataDir: string): Promise<string> {
  const secret = randomToken();
  await writeFile(join(dataDir, SECRET_FILE), `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** The secret the running sandbox wrote, or undefined when there is none. */
export async function readResetSecret(dataDir: string): Promise<string | undefined> {
  try {
    return (await readFile(join(dataDir, SECRET_FILE), 'utf8')).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** `POST /sandbox/reset` with `Authorization: Bearer <secret>` restores the seed; without it, 401. */
export function createResetRoute(secret: string, reset: () => Promise<void>): RouteHandler {
  const expected = Buffer.from(`Bearer ${secret}`);
  return async (req, res, url) => {
    if (url.pathname !== RESET_PATH) {
      return false;
    }
    if (req.method !== 'POST') {
      sendJson(res, 405, { error: 'method_not_allowed' }, { Allow: 'POST' });
      return true;
    }
    const given = Buffer.from(req.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      sendJson(
        res,
        401,
        {
          error: 'unauthorized',
          error_description:
            'Resetting the sandbox needs its local secret: run `npm run sandbox:reset`, or send the secret printed at start as a Bearer token.',
        },
        { 'WWW-Authenticate': 'Bearer realm="sandbox"' },
      );
      return true;
    }
    await reset();
    sendJson(res, 200, { reset: true });
    return true;
  };
}
