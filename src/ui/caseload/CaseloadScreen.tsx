import { useEffect, useState } from 'preact/hooks';
import { QUIET_AFTER_DAYS, type CaseloadRow } from '../../domain/caseload-rows';
import type { CaseloadSortKey } from '../../domain/caseload-sort';
import { loadCaseloadPage, loadMoreContacts } from '../../fhir/caseload-loader';
import { normalizeErrorMessage } from '../../fhir/fhir-errors';
import { loadReviewRecords } from '../../fhir/review-queue-query';
import { sessionStorageOrUndefined } from '../documentation/draft-store';
import type { HomeViewProps } from '../home/home-view';
import {
  addContacts,
  addPage,
  addReviews,
  caseloadRows,
  EMPTY_CASELOAD,
  followUpTexts,
  INITIAL_SORT,
  lastContactText,
  nextContactText,
  localDraftCounts,
  nextSort,
  type CaseloadData,
  type SortState,
} from './caseload-model';
import './caseload.css';

type LoadState = 'first' | 'ready' | 'more' | 'failed';

const COLUMNS: readonly { readonly key: CaseloadSortKey; readonly label: string }[] = [
  { key: 'name', label: 'Name' },
  { key: 'age', label: 'Age' },
  { key: 'lastContact', label: 'Last peer contact' },
  { key: 'nextContact', label: 'Next planned contact' },
  { key: 'followUps', label: 'Open follow-ups' },
  { key: 'drafts', label: 'Drafts in progress' },
];

function SortHeader({
  column,
  sort,
  onSort,
}: {
  column: (typeof COLUMNS)[number];
  sort: SortState;
  onSort: (key: CaseloadSortKey) => void;
}) {
  const active = sort.key === column.key;
  const mark = sort.direction === 'ascending' ? ' ▲' : ' ▼';
  return (
    <th scope="col" aria-sort={active ? sort.direction : 'none'}>
      <button type="button" class="sort-button" onClick={() => onSort(column.key)}>
        {column.label}
        <span aria-hidden="true" class="sort-button__mark">
          {active ? mark : ''}
        </span>
      </button>
    </th>
  );
}

function PersonRow({ row, open, now }: { row: CaseloadRow; open: (id: string) => void; now: Date }) {
  const followUps = followUpTexts(row);
  return (
    <tr>
      <th scope="row">
        <button type="button" class="person-link" onClick={() => open(row.id)}>
          {row.name}
        </button>
      </th>
      <td>{row.age === undefined ? 'not recorded' : String(row.age)}</td>
      <td>
        {lastContactText(row)}
        {row.quiet ? <span class="tag tag--quiet">No contact in {QUIET_AFTER_DAYS} days</span> : null}
        {row.reviewStatus ? <p class="review-status">Latest note: {row.reviewStatus}</p> : null}
      </td>
      <td>
        {row.nextContact ? nextContactText(row, now) : <span class="muted">{nextContactText(row, now)}</span>}
      </td>
      <td>
        {followUps.length === 0 ? (
          <span class="muted">none</span>
        ) : (
          <ul class="cell-list">
            {followUps.map((text, index) => (
              <li key={index}>{text}</li>
            ))}
          </ul>
        )}
      </td>
      <td>{row.draftsInProgress === 0 ? <span class="muted">none</span> : String(row.draftsInProgress)}</td>
    </tr>
  );
}

/**
 * "My people": the peer's caseload, a page at a time. The first page paints as soon as its people
 * and their contacts are read; later contact pages fill in behind it, and "Show more" follows the
 * server's `next` link. Opening a person hands over to the home workspace (openPerson).
 */
export function CaseloadScreen({ session, server, user, openPerson }: HomeViewProps) {
  const [data, setData] = useState<CaseloadData>(EMPTY_CASELOAD);
  const [load, setLoad] = useState<LoadState>('first');
  const [problem, setProblem] = useState('');
  const [sort, setSort] = useState<SortState>(INITIAL_SORT);
  const [readingContacts, setReadingContacts] = useState(false);
  const capabilities = () => server.capabilities;

  const readPage = (source: Parameters<typeof loadCaseloadPage>[2], state: LoadState) => {
    setLoad(state);
    setProblem('');
    loadCaseloadPage(session, capabilities, source).then(
      (read) => {
        setData((before) => addPage(before, read));
        setLoad('ready');
        // After the paint: whether a supervisor co-signed or returned each person's latest note.
        // A server that refuses these reads leaves the rows without a review line, nothing worse.
        const people = read.page.people.map((person) => person.id);
        void server.capabilities
          .then((statement) => loadReviewRecords(session, statement, people))
          .then(
            (records) => setData((before) => addReviews(before, records.resources)),
            () => undefined,
          );
      },
      (error: unknown) => {
        setProblem(normalizeErrorMessage(error));
        setLoad(state === 'first' ? 'failed' : 'ready');
      },
    );
  };

  useEffect(() => {
    readPage({ user: user.practitioner ?? user.reference }, 'first');
    // One caseload per launch user: read when the tab first opens.
  }, []);

  const pending = data.pendingContacts[0];
  useEffect(() => {
    if (!pending || readingContacts) {
      return;
    }
    setReadingContacts(true);
    loadMoreContacts(session, pending).then(
      (more) => {
        setData((before) => addContacts(before, pending, more));
        setReadingContacts(false);
      },
      () => {
        // Left pending: those rows keep saying "loading…" rather than a wrong "never".
        setProblem('Some peer contacts could not be loaded; the rows that say “loading…” are not complete.');
      },
    );
  }, [pending, readingContacts]);

  if (load === 'first') {
    return (
      <p class="progress" role="status">
        Loading your people…
      </p>
    );
  }
  if (load === 'failed') {
    return (
      <div class="caseload">
        <h2>My people</h2>
        <p class="notice" role="alert">
          Your people could not be loaded. {problem}
        </p>
        <button
          type="button"
          onClick={() => readPage({ user: user.practitioner ?? user.reference }, 'first')}
        >
          Try again
        </button>
      </div>
    );
  }
  const storage = sessionStorageOrUndefined();
  const drafts = localDraftCounts(
    storage,
    session.context.serverUrl,
    user.reference,
    data.people.map((p) => p.id),
  );
  const now = new Date();
  const rows = caseloadRows(data, sort, drafts, now);
  const quiet = rows.filter((row) => row.quiet).length;
  return (
    <div class="caseload">
      <h2 id="caseload-title">My people</h2>
      <p class="caseload-summary" role="status">
        {rows.length === 1 ? '1 person' : `${String(rows.length)} people`}
        {data.nextUrl ? ' shown so far' : ''}
        {quiet > 0 ? `; ${String(quiet)} with no peer contact in ${String(QUIET_AFTER_DAYS)} days` : ''}
        {data.pendingContacts.length > 0 ? '; loading older contacts…' : ''}
      </p>
      {problem ? (
        <p class="notice" role="alert">
          {problem}
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p class="muted">
          You are not on an active care team for anyone in this EHR. When a person’s care team lists you, they
          appear here.
        </p>
      ) : (
        <div class="caseload-scroll">
          <table class="caseload-table" aria-labelledby="caseload-title">
            <thead>
              <tr>
                {COLUMNS.map((column) => (
                  <SortHeader
                    key={column.key}
                    column={column}
                    sort={sort}
                    onSort={(key) => setSort((before) => nextSort(before, key))}
                  />
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <PersonRow key={row.id} row={row} open={openPerson} now={now} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data.nextUrl ? (
        <p>
          <button
            type="button"
            disabled={load === 'more'}
            onClick={() => data.nextUrl && readPage({ nextUrl: data.nextUrl }, 'more')}
          >
            {load === 'more' ? 'Loading more people…' : 'Show more people'}
          </button>
        </p>
      ) : null}
    </div>
  );
}
