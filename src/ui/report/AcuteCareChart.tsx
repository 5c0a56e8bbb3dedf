import { ACUTE_WINDOW_DAYS, type AcuteComparison } from '../../domain/program-report-acute-care';

/**
 * ED visits and admissions in the 90 days before the first peer contact and the 90 days after, as
 * horizontal bars. Every bar carries its words ("before"/"after") and its number, and "after" bars
 * are also hatched, so nothing is told by colour alone; the table under the chart holds the same
 * figures for anyone who cannot see it.
 */
const WIDTH = 680;
const LABEL = 300;
const VALUE_SPACE = 48;
const BAR = 22;
const GAP = 8;
const GROUP_GAP = 18;

interface Bar {
  readonly key: string;
  readonly label: string;
  readonly value: number;
  readonly when: 'before' | 'after';
  readonly y: number;
}

function barsOf(rows: readonly AcuteComparison[]): { bars: Bar[]; height: number } {
  const bars: Bar[] = [];
  let y = 4;
  for (const row of rows) {
    for (const when of ['before', 'after'] as const) {
      bars.push({
        key: `${row.label}-${when}`,
        label: `${row.label}, ${when}`,
        value: when === 'before' ? row.before : row.after,
        when,
        y,
      });
      y += BAR + GAP;
    }
    y += GROUP_GAP - GAP;
  }
  return { bars, height: y };
}

/** The chart in words: its description and caption. */
export function describeAcuteCare(rows: readonly AcuteComparison[], people: number): string {
  const parts = rows.map((row) => `${row.label}: ${row.before} before, ${row.after} after`);
  return `For ${people} ${people === 1 ? 'person' : 'people'} first seen in the range, ${ACUTE_WINDOW_DAYS} days before vs ${ACUTE_WINDOW_DAYS} days after their first peer contact. ${parts.join('; ')}.`;
}

export function AcuteCareChart({ rows, people }: { rows: readonly AcuteComparison[]; people: number }) {
  const { bars, height } = barsOf(rows);
  const largest = Math.max(1, ...bars.map((b) => b.value));
  const scale = (WIDTH - LABEL - VALUE_SPACE) / largest;
  const description = describeAcuteCare(rows, people);
  return (
    <figure class="report-figure">
      <svg
        class="acute-chart"
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-labelledby="acute-chart-title acute-chart-desc"
      >
        <title id="acute-chart-title">Acute care before and after the first peer contact</title>
        <desc id="acute-chart-desc">{description}</desc>
        <defs>
          <pattern id="acute-after-hatch" width="6" height="6" patternUnits="userSpaceOnUse">
            <rect width="6" height="6" class="acute-chart__after-fill" />
            <path d="M0,6 L6,0" class="acute-chart__hatch" />
          </pattern>
        </defs>
        <g aria-hidden="true">
          {bars.map((bar) => (
            <g key={bar.key} class={`acute-chart__bar acute-chart__bar--${bar.when}`}>
              <text x={LABEL - 8} y={bar.y + BAR / 2 + 5} text-anchor="end">
                {bar.label}
              </text>
              <rect
                x={LABEL}
                y={bar.y}
                width={Math.max(bar.value * scale, 1)}
                height={BAR}
                fill={bar.when === 'after' ? 'url(#acute-after-hatch)' : undefined}
              />
              <text x={LABEL + Math.max(bar.value * scale, 1) + 6} y={bar.y + BAR / 2 + 5}>
                {bar.value}
              </text>
            </g>
          ))}
        </g>
      </svg>
      <figcaption>{description}</figcaption>
      <table class="report-table report-table--compact">
        <caption>Acute care, {ACUTE_WINDOW_DAYS} days either side of the first peer contact</caption>
        <thead>
          <tr>
            <th scope="col">Care</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              <td>{row.before}</td>
              <td>{row.after}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
