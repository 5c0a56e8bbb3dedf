/** Reading one setting of the runtime configuration, with an error that names the key and says what it must be. */

/** A setting of peerbridge.config.json that is missing or wrong; the message names its path. */
export class RuntimeConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuntimeConfigError';
  }
}

export function optionalString(
  entry: Record<string, unknown>,
  key: string,
  path: string,
): string | undefined {
  const value = entry[key];
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string' || value.trim() === '') {
    throw new RuntimeConfigError(`${path}.${key} must be a non-empty string when present.`);
  }
  return value;
}

export function requiredUrl(entry: Record<string, unknown>, key: string, path: string): string {
  const value = entry[key];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new RuntimeConfigError(`${path}.${key} is missing: it must be an absolute https URL.`);
  }
  assertUrl(value, `${path}.${key}`);
  return value;
}

export function assertUrl(value: string, path: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new RuntimeConfigError(`${path} is not a URL: "${value}".`);
  }
  const isLoopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback)) {
    throw new RuntimeConfigError(
      `${path} must use https (plain http is allowed only on localhost): "${value}".`,
    );
  }
}

export function assertKnownKeys(
  entry: Record<string, unknown>,
  known: ReadonlySet<string>,
  path: string,
): void {
  const unknownKey = Object.keys(entry).find((key) => !known.has(key));
  if (unknownKey !== undefined) {
    throw new RuntimeConfigError(
      `${path}.${unknownKey} is not a known setting (known: ${[...known].join(', ')}).`,
    );
  }
}

export function optionalBoolean(
  entry: Record<string, unknown>,
  key: string,
  path: string,
): boolean | undefined {
  const value = entry[key];
  if (value !== undefined && typeof value !== 'boolean') {
    throw new RuntimeConfigError(`${path}.${key} must be true or false when present.`);
  }
  return value;
}

export function requiredString(
  entry: Record<string, unknown>,
  key: string,
  path: string,
  what: string,
): string {
  const value = entry[key];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new RuntimeConfigError(`${path}.${key} is missing: ${what}.`);
  }
  return value;
}

export function optionalList(
  entry: Record<string, unknown>,
  key: string,
  path: string,
): unknown[] | undefined {
  const value = entry[key];
  if (value === undefined) {
    return undefined;
  }
  if (!Array.isArray(value)) {
    throw new RuntimeConfigError(`${path}.${key} must be a list when present.`);
  }
  return value as unknown[];
}
