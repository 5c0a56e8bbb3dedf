/**
 * Bundled by scripts/bench/timeline.ts into a script for a blank Chromium page: renders the timeline
 * of a large history with and without windowing and reports how long each render takes.
 */
import type { Encounter } from 'fhir/r4';
import { render } from 'preact';
import { buildLargeHistory } from '../../mocks/fixtures/large-history';
import { buildTimeline } from '../../src/domain/timeline';
import { filterEncounters, NO_FILTER } from '../../src/domain/timeline-filter';
import { TimelineList } from '../../src/ui/clinician/TimelineList';

const TODAY = new Date('2026-11-20T12:00:00Z');
export const ENCOUNTERS = 500;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Milliseconds to render the 500 newest encounters' timeline and lay it out (median of `runs`). */
function measure(windowed: boolean, runs: number): number {
  const encounters = buildLargeHistory(TODAY).filter((r): r is Encounter => r.resourceType === 'Encounter');
  const timeline = buildTimeline(filterEncounters(encounters, NO_FILTER, new Map()), { now: TODAY });
  const items = timeline.items.slice(0, ENCOUNTERS);
  const five = buildTimeline(
    items.flatMap((i) => (i.encounter ? [i.encounter] : [])),
    { now: TODAY },
  );
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const host = document.createElement('div');
    document.body.append(host);
    const started = performance.now();
    render(
      <TimelineList timeline={five} roles={new Map()} onOpen={() => undefined} windowed={windowed} />,
      host,
    );
    // Reading layout forces style and layout, so the figure includes what the browser must do to paint.
    host.getBoundingClientRect();
    times.push(performance.now() - started);
    render(null, host);
    host.remove();
  }
  return median(times);
}

Object.assign(window, { benchTimelineRender: measure });
