import type { IncomingMessage, ServerResponse } from 'node:http';
import { ExpiringStore } from '../auth/expiring-store';
import { randomToken } from '../auth/random-token';

const COOKIE = 'ehr_session';
const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/**
 * Who is signed in to the simulated EHR. The EHR page is the top-level site, so a first-party HttpOnly
 * SameSite=Lax cookie is right here (unlike in the authorization server, which may run inside the app's
 * cross-site iframe). Lax also keeps other sites from posting the sign-out form.
 */
export class EhrSessions {
  private readonly sessions: ExpiringStore<string>;

  constructor(now: () => number = Date.now) {
    this.sessions = new ExpiringStore(now);
  }

  /** The signed-in username, if any. */
  userOf(req: IncomingMessage): string | undefined {
    const id = readCookie(req, COOKIE);
    return id === undefined ? undefined : this.sessions.get(id);
  }

  start(res: ServerResponse, username: string): void {
    const id = randomToken();
    this.sessions.set(id, username, SESSION_TTL_MS);
    res.setHeader('Set-Cookie', `${COOKIE}=${id}; Path=/ehr; HttpOnly; SameSite=Lax`);
  }

  end(req: IncomingMessage, res: ServerResponse): void {
    const id = readCookie(req, COOKIE);
    if (id !== undefined) {
      this.sessions.delete(id);
    }
    res.setHeader('Set-Cookie', `${COOKIE}=; Path=/ehr; HttpOnly; SameSite=Lax; Max-Age=0`);
  }
}

function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) {
      return rest.join('=');
    }
  }
  return undefined;
}
