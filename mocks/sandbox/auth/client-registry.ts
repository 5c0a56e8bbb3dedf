import { join } from 'node:path';
import { readJsonFile, writeJsonFile } from './json-file';
import { randomToken } from './random-token';
import type { SandboxClient } from './types';

export type GrantType = 'authorization_code' | 'refresh_token';

/** A client as the authorization server knows it, whether pre-registered or dynamically registered. */
export interface RegisteredClient {
  readonly clientId: string;
  readonly clientName?: string;
  readonly redirectUris: readonly string[];
  /** Refresh tokens are only issued to clients that registered the refresh_token grant. */
  readonly grantTypes: readonly GrantType[];
  /** When registered, the ceiling on what the client may request; absent means no ceiling. */
  readonly scope?: string;
  /** Seconds since the epoch; absent for pre-registered clients. */
  readonly clientIdIssuedAt?: number;
}

export interface ClientRegistry {
  find(clientId: string): RegisteredClient | undefined;
  register(metadata: Omit<RegisteredClient, 'clientId' | 'clientIdIssuedAt'>): Promise<RegisteredClient>;
}

const CLIENTS_FILE = 'registered-clients.json';

export async function createClientRegistry(
  staticClients: readonly SandboxClient[],
  dataDir: string,
  now: () => number,
): Promise<ClientRegistry> {
  const path = join(dataDir, CLIENTS_FILE);
  const dynamic = parseStoredClients(await readJsonFile(path), path);
  const byId = new Map<string, RegisteredClient>();
  for (const client of dynamic) {
    byId.set(client.clientId, client);
  }
  // Pre-registered clients come from code and win over anything stale on disk.
  for (const client of staticClients) {
    byId.set(client.clientId, {
      clientId: client.clientId,
      clientName: client.clientName,
      redirectUris: [...client.redirectUris],
      grantTypes: ['authorization_code', 'refresh_token'],
    });
  }

  return {
    find: (clientId) => byId.get(clientId),
    async register(metadata) {
      const client: RegisteredClient = {
        ...metadata,
        clientId: randomToken(16),
        clientIdIssuedAt: Math.floor(now() / 1000),
      };
      dynamic.push(client);
      byId.set(client.clientId, client);
      await writeJsonFile(path, dynamic);
      return client;
    },
  };
}

function parseStoredClients(stored: unknown, path: string): RegisteredClient[] {
  if (stored === undefined) {
    return [];
  }
  if (!Array.isArray(stored)) {
    throw new Error(`${path} should hold a JSON array of clients. Delete it to forget registered clients.`);
  }
  return stored.map((entry: unknown, index) => {
    const client = toRegisteredClient(entry);
    if (!client) {
      throw new Error(
        `${path} entry ${String(index)} is not a valid client. Delete the file to start afresh.`,
      );
    }
    return client;
  });
}

function toRegisteredClient(value: unknown): RegisteredClient | undefined {
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const record = value as Record<string, unknown>;
  const { clientId, clientName, redirectUris, grantTypes, scope, clientIdIssuedAt } = record;
  if (
    typeof clientId !== 'string' ||
    !isStringArray(redirectUris) ||
    !isStringArray(grantTypes) ||
    !grantTypes.every(isGrantType) ||
    (clientName !== undefined && typeof clientName !== 'string') ||
    (scope !== undefined && typeof scope !== 'string') ||
    (clientIdIssuedAt !== undefined && typeof clientIdIssuedAt !== 'number')
  ) {
    return undefined;
  }
  return { clientId, clientName, redirectUris, grantTypes, scope, clientIdIssuedAt };
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

export function isGrantType(value: string): value is GrantType {
  return value === 'authorization_code' || value === 'refresh_token';
}
