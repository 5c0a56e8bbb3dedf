import { createHash } from 'node:crypto';

/** RFC 7636 §4.1: 43-128 characters from the unreserved set. */
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
/** An S256 challenge is the base64url (unpadded) SHA-256 of the verifier: always 43 characters. */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

export function isS256Challenge(challenge: string): boolean {
  return S256_CHALLENGE.test(challenge);
}

/** RFC 7636 §4.6: BASE64URL(SHA256(ASCII(code_verifier))) == code_challenge. */
export function verifierMatchesChallenge(verifier: string, challenge: string): boolean {
  if (!VERIFIER.test(verifier)) {
    return false;
  }
  return createHash('sha256').update(verifier, 'ascii').digest('base64url') === challenge;
}
