/**
 * A Web Storage (sessionStorage) kept in memory, so the draft store can be tested in Node; it can be
 * made to refuse writes, as a full or blocked browser storage does.
 */
export interface MemoryStorage extends Storage {
  /** From now on every setItem throws, as a full quota or a blocked storage does. */
  refuseWrites(): void;
}

export function memoryStorage(initial: Readonly<Record<string, string>> = {}): MemoryStorage {
  const items = new Map<string, string>(Object.entries(initial));
  let refusing = false;
  return {
    get length() {
      return items.size;
    },
    clear() {
      items.clear();
    },
    getItem(key: string) {
      return items.get(key) ?? null;
    },
    key(index: number) {
      return [...items.keys()][index] ?? null;
    },
    removeItem(key: string) {
      items.delete(key);
    },
    setItem(key: string, value: string) {
      if (refusing) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      items.set(key, value);
    },
    refuseWrites() {
      refusing = true;
    },
  };
}
