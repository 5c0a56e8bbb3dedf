/**
 * An in-memory map whose entries vanish after a time to live. Used for launches, sign-in transactions,
 * authorization codes and refresh tokens, which a real EHR keeps server-side for minutes to days.
 * Expired entries are swept on writes rather than by a timer, so an idle sandbox (or a test) holds no
 * pending timers that would keep Node alive.
 */
export class ExpiringStore<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();

  constructor(private readonly now: () => number) {}

  set(key: string, value: T, ttlMs: number): void {
    this.sweep();
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
  }

  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      return undefined;
    }
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt <= now) {
        this.entries.delete(key);
      }
    }
  }
}
