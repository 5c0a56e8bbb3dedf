/** Scales and ticks for the trend chart: numbers in, SVG coordinates out. */

export interface Plot {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  /** Bottom of the value area; the marker bands sit below it. */
  readonly bottom: number;
}

export const PLOT: Plot = { width: 720, height: 300, left: 44, right: 16, top: 16, bottom: 200 };

export function scaleX(plot: Plot, from: number, to: number): (time: number) => number {
  const span = to - from;
  const inner = plot.width - plot.left - plot.right;
  // A single day of data still needs a line across: centre it.
  return span > 0 ? (time) => plot.left + ((time - from) / span) * inner : () => plot.left + inner / 2;
}

export function scaleY(plot: Plot, min: number, max: number): (value: number) => number {
  const span = max - min;
  return (value) =>
    span > 0 ? plot.bottom - ((value - min) / span) * (plot.bottom - plot.top) : plot.bottom;
}

/** About `count` date ticks on round boundaries: years over long spans, months over short ones. */
export function timeTicks(from: number, to: number, count = 6): number[] {
  if (!(to > from)) {
    return Number.isNaN(from) ? [] : [from];
  }
  const start = new Date(from);
  const years = (to - from) / (365.25 * 86_400_000);
  const ticks: number[] = [];
  if (years >= 2) {
    const step = Math.max(1, Math.ceil(years / count));
    for (let year = start.getUTCFullYear() + 1; ; year += step) {
      const time = Date.UTC(year, 0, 1);
      if (time > to) {
        break;
      }
      ticks.push(time);
    }
  } else {
    const months = Math.max(1, Math.round(years * 12));
    const step = Math.max(1, Math.ceil(months / count));
    for (let index = 1; ; index += step) {
      const time = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + index, 1);
      if (time > to) {
        break;
      }
      ticks.push(time);
    }
  }
  return ticks;
}

/** Round value ticks: min, max and the middle, as integers. */
export function valueTicks(min: number, max: number): number[] {
  return [...new Set([min, Math.round((min + max) / 2), max])];
}
