import { describe, expect, it } from 'vitest';
import { rowOffsets, visibleRange } from '../../../src/ui/clinician/windowing';

const offsets = rowOffsets(Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? 40 : 60)));

describe('visibleRange', () => {
  it('renders only the rows in view plus the overscan', () => {
    const range = visibleRange(offsets, 0, 600, 0);
    expect(range.start).toBe(0);
    expect(offsets[range.end - 1]).toBeLessThan(600);
    expect(offsets[range.end]).toBeGreaterThanOrEqual(600);
    expect(range.before).toBe(0);
    expect(range.before + (offsets[range.end] ?? 0) - (offsets[range.start] ?? 0) + range.after).toBe(
      offsets[1000],
    );
  });

  it('keeps the same few rows however deep the list is scrolled', () => {
    const deep = visibleRange(offsets, 50_000, 600, 200);
    expect(deep.end - deep.start).toBeLessThan(20);
    expect(deep.before).toBeLessThanOrEqual(50_000 - 200);
    expect(offsets[deep.end]).toBeGreaterThanOrEqual(50_800);
  });

  it('clamps past the end and handles an empty list', () => {
    const end = visibleRange(offsets, 10_000_000, 600, 0);
    expect(end.end).toBe(1000);
    expect(end.after).toBe(0);
    expect(visibleRange([0], 0, 600, 0)).toEqual({ start: 0, end: 0, before: 0, after: 0 });
  });
});
