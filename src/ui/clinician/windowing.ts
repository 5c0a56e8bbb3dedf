/**
 * Which rows of a long list are on screen. Rows have fixed heights per kind, so the positions are
 * a prefix sum computed once per list and each scroll costs two binary searches, however long the
 * history: ten years of weekly contact renders the same few dozen rows as one month does.
 */

/** `offsets[i]` is the top of row i; `offsets[rows]` the list's full height. */
export function rowOffsets(heights: readonly number[]): number[] {
  const offsets = new Array<number>(heights.length + 1);
  offsets[0] = 0;
  let top = 0;
  heights.forEach((height, index) => {
    top += height;
    offsets[index + 1] = top;
  });
  return offsets;
}

export interface WindowRange {
  /** First row to render. */
  readonly start: number;
  /** One past the last row to render. */
  readonly end: number;
  /** Space above the first rendered row and below the last one. */
  readonly before: number;
  readonly after: number;
}

/** The first index whose offset is greater than `y` (offsets ascend). */
function firstAbove(offsets: readonly number[], y: number): number {
  let low = 0;
  let high = offsets.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((offsets[mid] ?? 0) > y) {
      high = mid;
    } else {
      low = mid + 1;
    }
  }
  return low;
}

export function visibleRange(
  offsets: readonly number[],
  scrollTop: number,
  viewportHeight: number,
  overscan: number,
): WindowRange {
  const rows = offsets.length - 1;
  const total = offsets[rows] ?? 0;
  if (rows <= 0) {
    return { start: 0, end: 0, before: 0, after: 0 };
  }
  const top = Math.max(0, scrollTop - overscan);
  const bottom = Math.min(total, scrollTop + viewportHeight + overscan);
  const start = Math.min(rows - 1, Math.max(0, firstAbove(offsets, top) - 1));
  const end = Math.max(start + 1, Math.min(rows, firstAbove(offsets, bottom - 1)));
  return { start, end, before: offsets[start] ?? 0, after: total - (offsets[end] ?? total) };
}
