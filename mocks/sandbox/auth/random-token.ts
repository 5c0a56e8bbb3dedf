import { randomBytes } from 'node:crypto';

/**
 * An unguessable opaque identifier (256 bits, base64url) for launch ids, transaction ids, authorization
 * codes, refresh tokens and client ids. One source so every secret the sandbox hands out is equally strong.
 */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
