/**
 * The names the screen shows: first what the first read carried, then, in the background, what the
 * FHIR layer reads for the people named without a name. Rows render at once with wording ("A care
 * team member") and show the name when it arrives, so the first paint never waits for a name.
 * Listeners rather than signals: the app shell holds it, and signals live in the lazy views' chunks.
 */
import type { Resource } from 'fhir/r4';
import { addNames, type NameDirectory } from '../domain/person-names';

/** Reads the names `directory` is missing, skipping and adding to the keys in `asked`. */
export type ReadMissingNames = (directory: NameDirectory, asked: Set<string>) => Promise<readonly Resource[]>;

export interface NamesModel {
  current(): NameDirectory;
  /** Calls `listener` with each new directory; returns the unsubscribe. */
  subscribe(listener: (directory: NameDirectory) => void): () => void;
  /** Adds what newly loaded resources say about names (a history page), then reads what is missing. */
  add(resources: readonly Resource[]): Promise<void>;
  /** Reads the names still missing; each person is asked for once per screen. */
  fill(): Promise<void>;
}

export function createNamesModel(initial: NameDirectory, read: ReadMissingNames): NamesModel {
  let directory = initial;
  const asked = new Set<string>();
  const listeners = new Set<(directory: NameDirectory) => void>();

  function set(next: NameDirectory): void {
    directory = next;
    for (const listener of listeners) {
      listener(next);
    }
  }

  async function fill(): Promise<void> {
    try {
      const found = await read(directory, asked);
      if (found.length > 0) {
        set(addNames(directory, found));
      }
    } catch {
      // Names are a courtesy: where they cannot be read the wording stays, and the reads that
      // matter (history, saves) report their own failures.
    }
  }

  return {
    current: () => directory,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    add(resources) {
      set(addNames(directory, resources));
      return fill();
    },
    fill,
  };
}
