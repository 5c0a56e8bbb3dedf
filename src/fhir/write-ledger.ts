/**
 * Two small session memories for writing to servers without conditional create (Epic, Oracle
 * Health): a ledger of what each draft's save sent and what landed, so a retry never re-posts what
 * landed; and the parts a server refused, so later saves in this browser session plan around them.
 * Both live in sessionStorage (docs/decisions/0003) and hold ids only, never note text.
 */
import { isRecord, stringOf } from '../domain/guards';
import type { WritePart } from '../domain/write-plan';

export type LedgerEntry =
  /** Sent, answer not seen: a retry must look for it before sending again. */
  | { readonly state: 'sent' }
  | {
      readonly state: 'landed';
      readonly resourceType: string;
      readonly id: string;
      readonly versionId?: string;
    };

export interface WriteLedger {
  get(key: string): LedgerEntry | undefined;
  set(key: string, entry: LedgerEntry): void;
}

/** Storage that may throw (blocked in a cross-site frame): the ledger then lasts only this page. */
export type SessionStore = Pick<Storage, 'getItem' | 'setItem'>;

const LEDGER_PREFIX = 'peerbridge:ledger:';
const REFUSED_PREFIX = 'peerbridge:refused:';

function isEntry(value: unknown): value is LedgerEntry {
  if (!isRecord(value)) {
    return false;
  }
  return (
    value.state === 'sent' ||
    (value.state === 'landed' &&
      stringOf(value.resourceType) !== undefined &&
      stringOf(value.id) !== undefined)
  );
}

/** A ledger keyed per resource key (which starts with the draft id), in `store`, with a memory fallback. */
export function sessionLedger(store: SessionStore | undefined, serverUrl: string): WriteLedger {
  const memory = new Map<string, LedgerEntry>();
  const storageKey = (key: string): string => `${LEDGER_PREFIX}${serverUrl}|${key}`;
  return {
    get(key) {
      try {
        const text = store?.getItem(storageKey(key));
        const parsed: unknown = text ? JSON.parse(text) : undefined;
        if (isEntry(parsed)) {
          return parsed;
        }
      } catch {
        // Blocked storage: fall back to this page's memory.
      }
      return memory.get(key);
    },
    set(key, entry) {
      memory.set(key, entry);
      try {
        store?.setItem(storageKey(key), JSON.stringify(entry));
      } catch {
        // Blocked or full storage: this page's memory still prevents a duplicate on retry.
      }
    },
  };
}

export interface RefusalMemory {
  refused(): readonly WritePart[];
  remember(part: WritePart): void;
}

const PARTS: readonly WritePart[] = [
  'goals',
  'encounter',
  'questionnaire-responses',
  'observations',
  'task',
  'provenance',
  'communication',
  'draft-note',
  'goal-status',
];

/** The parts this server refused in this browser session. */
export function sessionRefusals(store: SessionStore | undefined, serverUrl: string): RefusalMemory {
  const key = `${REFUSED_PREFIX}${serverUrl}`;
  let memory: WritePart[] = [];
  const read = (): WritePart[] => {
    try {
      const parsed: unknown = JSON.parse(store?.getItem(key) ?? '[]');
      return Array.isArray(parsed) ? PARTS.filter((part) => parsed.includes(part)) : memory;
    } catch {
      return memory;
    }
  };
  return {
    refused: () => [...new Set([...read(), ...memory])],
    remember(part) {
      memory = [...new Set([...read(), ...memory, part])];
      try {
        store?.setItem(key, JSON.stringify(memory));
      } catch {
        // Blocked storage: remembered for this page only.
      }
    },
  };
}
