import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { formatDate } from '../../domain/format';
import { labelNotice } from '../../domain/label-notice';
import type { Timeline } from '../../domain/timeline';
import type { TimelineItem } from '../../domain/timeline-item';
import { peerRoleOf, UNKNOWN_PEER_ROLE } from '../../domain/timeline-filter';
import { rowOffsets, visibleRange } from './windowing';

type Row =
  | { readonly kind: 'month'; readonly key: string; readonly label: string; readonly count: number }
  | { readonly kind: 'item'; readonly key: string; readonly item: TimelineItem };

/** Fixed row heights (px) make windowing a prefix sum; the CSS gives rows exactly these heights. */
export const MONTH_ROW_HEIGHT = 40;
export const ITEM_ROW_HEIGHT = 64;
/** Rows rendered beyond the visible area, so fast scrolling does not show blank space. */
const OVERSCAN_PX = 400;
/** Before the list is measured: a typical viewport, never zero (which would render nothing). */
const FIRST_GUESS_HEIGHT = 800;

const ACUTE_LABEL: Partial<Record<TimelineItem['category'], string>> = {
  emergency: 'ED visit',
  inpatient: 'Hospital stay',
};

function rowsOf(timeline: Timeline): Row[] {
  const rows: Row[] = [];
  for (const month of timeline.months) {
    rows.push({ kind: 'month', key: `m:${month.key}`, label: month.label, count: month.items.length });
    month.items.forEach((item, index) => {
      rows.push({ kind: 'item', key: `i:${item.id ?? `${month.key}:${index}`}`, item });
    });
  }
  return rows;
}

interface ItemRowProps {
  item: TimelineItem;
  roles: ReadonlyMap<string, string>;
  onOpen: (encounterId: string) => void;
}

function ItemRow({ item, roles, onOpen }: ItemRowProps) {
  const acute = ACUTE_LABEL[item.category];
  const peer = item.kind === 'peer';
  const { encounter, note } = item;
  const notice = peer ? labelNotice(item.labels) : undefined;
  const draft = peer && (encounter ? encounter.status !== 'finished' : note?.docStatus === 'preliminary');
  const withdrawn =
    note !== undefined && (note.status === 'entered-in-error' || note.docStatus === 'entered-in-error');
  // The row already says "Peer support": a role the EHR did not share adds nothing beside a name.
  const role = peer && encounter ? peerRoleOf(encounter, roles) : '';
  const who = [item.who, role === UNKNOWN_PEER_ROLE ? '' : role].filter(Boolean).join(' · ');
  // Only PeerBridge's own notes open: other notes are listed, not parsed.
  const opens = peer && item.id !== undefined;
  const classes = ['timeline-row', `timeline-row--${item.kind}`, acute ? 'timeline-row--acute' : ''];
  return (
    <li class={classes.join(' ')} style={{ height: `${ITEM_ROW_HEIGHT}px` }}>
      <div class="timeline-row__line">
        <time class="timeline-row__date" dateTime={item.start}>
          {formatDate(item.start) || 'Date unknown'}
        </time>
        {acute ? <strong class="badge badge--acute">{acute}</strong> : null}
        {peer ? <span class="badge badge--peer">Peer</span> : null}
        <span class="timeline-row__title">{item.title}</span>
        {draft ? <span class="tag">draft in progress</span> : null}
        {withdrawn ? <span class="tag">entered in error</span> : null}
        {notice ? <span class="tag tag--restricted">{notice.split(':')[0]}</span> : null}
      </div>
      <div class="timeline-row__line muted">
        <span class="timeline-row__who">{note && item.kind === 'clinical' ? 'Clinical note' : who}</span>
        {opens ? (
          <button
            type="button"
            class="link-button"
            onClick={() => {
              if (item.id) {
                onOpen(item.id);
              }
            }}
          >
            Open note<span class="visually-hidden"> of {formatDate(item.start)}</span>
          </button>
        ) : null}
      </div>
    </li>
  );
}

interface TimelineListProps {
  timeline: Timeline;
  roles: ReadonlyMap<string, string>;
  onOpen: (encounterId: string) => void;
  /** Called when the end of the list comes into view: time to page in older history. */
  onNearEnd?: () => void;
  /** Render only the rows on screen (the default); false renders every row, for comparison. */
  windowed?: boolean;
}

/**
 * The timeline rows in a scrolling box, rendering only what is visible. The month headings and rows
 * are one flat list so the row positions are a single prefix sum.
 */
export function TimelineList({ timeline, roles, onOpen, onNearEnd, windowed = true }: TimelineListProps) {
  const rows = useMemo(() => rowsOf(timeline), [timeline]);
  const offsets = useMemo(
    () => rowOffsets(rows.map((r) => (r.kind === 'month' ? MONTH_ROW_HEIGHT : ITEM_ROW_HEIGHT))),
    [rows],
  );
  const box = useRef<HTMLDivElement>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: FIRST_GUESS_HEIGHT });

  useLayoutEffect(() => {
    const element = box.current;
    if (element && element.clientHeight > 0) {
      setView({ top: element.scrollTop, height: element.clientHeight });
    }
  }, []);

  // The observer outlives renders; the latest callback is read through a ref.
  const nearEnd = useRef(onNearEnd);
  nearEnd.current = onNearEnd;
  const observer = useRef<IntersectionObserver>();
  useEffect(() => {
    const target = sentinel.current;
    if (!target || typeof IntersectionObserver === 'undefined') {
      return undefined;
    }
    const watcher = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          nearEnd.current?.();
        }
      },
      { root: box.current, rootMargin: '0px 0px 600px 0px' },
    );
    watcher.observe(target);
    observer.current = watcher;
    return () => {
      watcher.disconnect();
    };
  }, []);

  // A page too short to push the end out of view fires no new intersection: observing again after
  // the rows change reports where the end is now, so history keeps loading without another scroll.
  useEffect(() => {
    const target = sentinel.current;
    if (target && observer.current) {
      observer.current.unobserve(target);
      observer.current.observe(target);
    }
  }, [rows.length]);

  const range = windowed
    ? visibleRange(offsets, view.top, view.height, OVERSCAN_PX)
    : { start: 0, end: rows.length, before: 0, after: 0 };

  return (
    <div
      class="timeline-scroll"
      ref={box}
      tabIndex={0}
      role="region"
      aria-label="Timeline, newest first"
      onScroll={(e) => {
        const element = e.currentTarget;
        setView({ top: element.scrollTop, height: element.clientHeight || FIRST_GUESS_HEIGHT });
      }}
    >
      <ul
        class="timeline-list"
        style={{ paddingTop: `${range.before}px`, paddingBottom: `${range.after}px` }}
      >
        {rows.slice(range.start, range.end).map((row) =>
          row.kind === 'month' ? (
            <li key={row.key} class="timeline-month" style={{ height: `${MONTH_ROW_HEIGHT}px` }}>
              <h3>
                {row.label} <span class="muted">({row.count})</span>
              </h3>
            </li>
          ) : (
            <ItemRow key={row.key} item={row.item} roles={roles} onOpen={onOpen} />
          ),
        )}
      </ul>
      <div ref={sentinel} class="timeline-sentinel" aria-hidden="true" />
    </div>
  );
}
