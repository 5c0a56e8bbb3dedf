import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK } from 'jose';
import type { JWK } from 'jose';
import { join } from 'node:path';
import { readJsonFile, writeJsonFile } from './json-file';

export const SIGNING_ALGORITHM = 'ES256';

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  /** The public half as published at the JWKS endpoint. */
  readonly publicJwk: JWK;
}

const KEY_FILE = 'auth-signing-key.json';

/**
 * Loads the ES256 key from dataDir, or generates and saves one. Persisting it means tokens an app holds
 * stay valid across a sandbox restart, as they would across an EHR deploy.
 */
export async function loadOrCreateSigningKey(dataDir: string): Promise<SigningKey> {
  const path = join(dataDir, KEY_FILE);
  const stored = await readJsonFile(path);
  if (stored !== undefined) {
    if (!isPrivateEcJwk(stored)) {
      throw new Error(`${path} is not an EC P-256 private JWK. Delete it to let the sandbox make a new key.`);
    }
    return fromPrivateJwk(stored);
  }
  const { privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
  const privateJwk = await exportJWK(privateKey);
  await writeJsonFile(path, privateJwk);
  return fromPrivateJwk(privateJwk);
}

async function fromPrivateJwk(privateJwk: JWK): Promise<SigningKey> {
  const { kty, crv, x, y } = privateJwk;
  const publicOnly: JWK = { kty, crv, x, y };
  const kid = await calculateJwkThumbprint(publicOnly);
  const privateKey = await importJWK(privateJwk, SIGNING_ALGORITHM);
  const publicKey = await importJWK(publicOnly, SIGNING_ALGORITHM);
  if (privateKey instanceof Uint8Array || publicKey instanceof Uint8Array) {
    throw new Error('The signing key imported as a symmetric secret; expected an EC key pair.');
  }
  return {
    kid,
    privateKey,
    publicKey,
    publicJwk: { ...publicOnly, kid, alg: SIGNING_ALGORITHM, use: 'sig' },
  };
}

function isPrivateEcJwk(value: unknown): value is JWK {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const jwk = value as Record<string, unknown>;
  return (
    jwk.kty === 'EC' &&
    jwk.crv === 'P-256' &&
    typeof jwk.x === 'string' &&
    typeof jwk.y === 'string' &&
    typeof jwk.d === 'string'
  );
}
