import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Bundle, FhirResource, Resource } from 'fhir/r4';
import { isBundle } from '../../../src/domain/guards';

/** How long writes may keep coming before the store is written out once for all of them. */
const WRITE_DELAY_MS = 200;

/**
 * Reads the stored resources, or returns undefined when there is no data file yet. The file is a
 * FHIR `collection` Bundle of current versions, so it can be read (and hand-edited) as FHIR.
 */
export async function readDataFile(path: string): Promise<Resource[] | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isMissingFile(error)) {
      return undefined;
    }
    throw error;
  }
  const parsed: unknown = JSON.parse(text);
  if (!isBundle(parsed)) {
    throw new Error(`${path} is not a FHIR Bundle of sandbox data. Delete it to start again from the seed.`);
  }
  return (parsed.entry ?? []).flatMap((entry): Resource[] => (entry.resource ? [entry.resource] : []));
}

/** Writes atomically (temporary file, then rename), so a crash never leaves half a file. */
export async function writeDataFile(path: string, resources: readonly Resource[]): Promise<void> {
  const bundle: Bundle = {
    resourceType: 'Bundle',
    type: 'collection',
    meta: { lastUpdated: new Date().toISOString() },
    entry: resources.map((resource) => ({ resource: resource as FhirResource })),
  };
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(bundle), 'utf8');
  await rename(temporary, path);
}

/** Coalesces bursts of writes into one dump of the store, and never runs two dumps at once. */
export class DebouncedWriter {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private lastError: unknown;

  constructor(private readonly write: () => Promise<void>) {}

  schedule(): void {
    if (this.timer) {
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.enqueue();
    }, WRITE_DELAY_MS);
  }

  /** Writes now if a write is pending, and waits for any write in progress. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.enqueue();
    }
    await this.running;
    if (this.lastError !== undefined) {
      const error = this.lastError;
      this.lastError = undefined;
      throw error instanceof Error
        ? error
        : new Error('Writing the sandbox data file failed', { cause: error });
    }
  }

  private enqueue(): void {
    this.running = this.running.then(async () => {
      try {
        await this.write();
      } catch (error) {
        // Kept for flush() to report; a timer-driven write has nobody to tell.
        this.lastError = error;
      }
    });
  }
}

function isMissingFile(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}
