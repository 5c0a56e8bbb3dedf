import { useState } from 'preact/hooks';
import { formatDate } from '../../domain/format';
import { seriesScale, type MarkerKind, type TrendSeries, type Trends } from '../../domain/outcome-trends';
import { PLOT, scaleX, scaleY, timeTicks, valueTicks } from './trend-geometry';

const MARKER_BANDS: readonly { kind: MarkerKind; label: string; y: number }[] = [
  { kind: 'peer', label: 'Peer contacts', y: PLOT.bottom + 40 },
  { kind: 'emergency', label: 'ED visits', y: PLOT.bottom + 62 },
  { kind: 'inpatient', label: 'Hospital stays', y: PLOT.bottom + 84 },
];

const TICK_FORMAT = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', timeZone: 'UTC' });

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The chart in words: the figure's caption and the SVG's description. */
export function describeTrend(series: TrendSeries, trends: Trends): string {
  const first = series.points[0];
  const last = series.points[series.points.length - 1];
  if (!first || !last) {
    return `${series.name}: no readings.`;
  }
  const low = series.points.reduce((a, p) => Math.min(a, p.value), Number.POSITIVE_INFINITY);
  const high = series.points.reduce((a, p) => Math.max(a, p.value), Number.NEGATIVE_INFINITY);
  const markers = (kind: MarkerKind) =>
    trends.markers.filter((m) => m.kind === kind && m.time >= first.time && m.time <= last.time).length;
  const over =
    first === last
      ? `${series.name}: one reading, ${last.label} on ${formatDate(last.date)}.`
      : `${series.name} went from ${first.label} on ${formatDate(first.date)} to ${last.label} on ${formatDate(last.date)} ` +
        `(${count(series.points.length, 'reading', 'readings')}, lowest ${low}, highest ${high}).`;
  return (
    `${over} Scale ${seriesScale(series)}. Over the same time: ${count(markers('peer'), 'peer contact', 'peer contacts')}, ` +
    `${count(markers('emergency'), 'ED visit', 'ED visits')}, ${count(markers('inpatient'), 'hospital stay', 'hospital stays')}.`
  );
}

function Chart({ series, trends }: { series: TrendSeries; trends: Trends }) {
  const x = scaleX(PLOT, trends.from, trends.to);
  const y = scaleY(PLOT, series.min, series.max);
  const line = series.points.map((p) => `${x(p.time).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  return (
    <svg
      class="trend-chart"
      viewBox={`0 0 ${PLOT.width} ${PLOT.height}`}
      role="img"
      aria-labelledby="trend-svg-title trend-svg-desc"
    >
      <title id="trend-svg-title">{series.name} over time, with peer contacts and acute care marked</title>
      <desc id="trend-svg-desc">{describeTrend(series, trends)}</desc>
      <g class="trend-chart__grid" aria-hidden="true">
        {valueTicks(series.min, series.max).map((value) => (
          <g key={value}>
            <line x1={PLOT.left} x2={PLOT.width - PLOT.right} y1={y(value)} y2={y(value)} />
            <text x={PLOT.left - 6} y={y(value) + 4} text-anchor="end">
              {value}
            </text>
          </g>
        ))}
        {timeTicks(trends.from, trends.to).map((time) => (
          <g key={time}>
            <line x1={x(time)} x2={x(time)} y1={PLOT.top} y2={PLOT.bottom + 90} />
            <text x={x(time)} y={PLOT.bottom + 18} text-anchor="middle">
              {TICK_FORMAT.format(new Date(time))}
            </text>
          </g>
        ))}
      </g>
      <g aria-hidden="true">
        <polyline class="trend-chart__line" points={line} />
        {series.points.map((p, index) => (
          <circle key={index} class="trend-chart__point" cx={x(p.time)} cy={y(p.value)} r={2.5} />
        ))}
      </g>
      <g class="trend-chart__markers" aria-hidden="true">
        {MARKER_BANDS.map((band) => (
          <g key={band.kind} class={`trend-marker trend-marker--${band.kind}`}>
            <text x={PLOT.left - 6} y={band.y + 4} text-anchor="end">
              {band.label.split(' ')[0]}
            </text>
            {trends.markers
              .filter((m) => m.kind === band.kind)
              .map((m, index) => (
                <rect key={index} x={x(m.time) - 1} y={band.y - 7} width={2} height={14} />
              ))}
          </g>
        ))}
      </g>
    </svg>
  );
}

/** Outcome measures and goal progress over time, with a caption in words and the data as a table. */
export function TrendChart({ trends }: { trends: Trends }) {
  const [chosen, setChosen] = useState('');
  const series = trends.series.find((s) => s.id === chosen) ?? trends.series[0];
  return (
    <section class="clinician-section trends" aria-labelledby="trends-title">
      <h2 id="trends-title">Trends</h2>
      {series ? (
        <>
          <div class="field">
            <label for="trend-measure">Measure</label>
            <select
              id="trend-measure"
              value={series.id}
              onChange={(e) => {
                setChosen(e.currentTarget.value);
              }}
            >
              {trends.series.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} ({s.points.length}; {seriesScale(s)})
                </option>
              ))}
            </select>
          </div>
          <figure class="trend-figure">
            <Chart series={series} trends={trends} />
            <figcaption>{describeTrend(series, trends)}</figcaption>
          </figure>
          <ul class="trend-legend" aria-label="Chart key">
            {MARKER_BANDS.map((band) => (
              <li key={band.kind} class={`trend-marker--${band.kind}`}>
                <span class="trend-legend__swatch" aria-hidden="true" /> {band.label}
              </li>
            ))}
          </ul>
          <h3 class="trend-overview__title">Every measure in the loaded history</h3>
          <ul class="trend-overview">
            {trends.series.map((s) => {
              const last = s.points[s.points.length - 1];
              return (
                <li key={s.id}>
                  <strong>{s.name}</strong> ({seriesScale(s)}):{' '}
                  {count(s.points.length, 'reading', 'readings')}
                  {last ? `, latest ${last.label} on ${formatDate(last.date)}` : ''}
                </li>
              );
            })}
          </ul>
          <details class="trend-data">
            <summary>Show the data as a table</summary>
            <table>
              <caption>
                {series.name} ({seriesScale(series)})
              </caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Value</th>
                </tr>
              </thead>
              <tbody>
                {series.points.map((p, index) => (
                  <tr key={index}>
                    <td>{formatDate(p.date)}</td>
                    <td>{p.label}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      ) : (
        <p class="muted">No outcome measures or goal progress in the loaded history yet.</p>
      )}
    </section>
  );
}
