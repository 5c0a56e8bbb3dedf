/** Reading and writing `peerbridge.config.json` on disk. */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseRuntimeConfig, RuntimeConfigError, type RuntimeConfig } from '../../launch/runtime-config';

export const DEFAULT_CONFIG_PATH = 'public/peerbridge.config.json';

export class ConfigFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigFileError';
  }
}

/** A missing file is an empty configuration; an unreadable or invalid one is an error naming the problem. */
export async function readConfigFile(path: string): Promise<RuntimeConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') {
      return { issuers: [] };
    }
    throw new ConfigFileError(
      `${path} cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    throw new ConfigFileError(`${path} is not valid JSON: fix or remove it, then run again.`);
  }
  try {
    return parseRuntimeConfig(json);
  } catch (error) {
    if (error instanceof RuntimeConfigError) {
      throw new ConfigFileError(`${path} is not a valid PeerBridge configuration: ${error.message}`);
    }
    throw error;
  }
}

/**
 * Writes through a temporary file in the same folder and renames it over the old one, so a web server
 * serving the file never sees half of it, and a crash leaves the old file whole.
 */
export async function writeConfigFile(path: string, config: RuntimeConfig): Promise<void> {
  const folder = dirname(path);
  await mkdir(folder, { recursive: true });
  const temporary = join(folder, `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, `${JSON.stringify(config, null, 2)}\n`, 'utf8');
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new ConfigFileError(
      `${path} could not be written: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
