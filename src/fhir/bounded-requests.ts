/**
 * Runs `work` over `items` with at most `limit` running at once, answers in the items' order. Every
 * FHIR request is an API call the vendor may count and throttle, so fallbacks fan out only a little.
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next;
      next += 1;
      const item = items[index] as T;
      results[index] = await work(item);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, () => worker()));
  return results;
}

/** At most this many parallel reads where a batch would have been one. */
export const PARALLEL_READS = 4;
