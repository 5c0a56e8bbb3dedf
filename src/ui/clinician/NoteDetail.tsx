import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { CHECK_IN_ITEMS, SCORE_MEASURES } from '../../domain/codes';
import { formatDate } from '../../domain/format';
import { instrumentItemRows, instrumentSummary } from '../../domain/instrument-text';
import { INSTRUMENTS } from '../../domain/codes-instruments';
import { labelNotice } from '../../domain/label-notice';
import { UNKNOWN_PEER_ROLE } from '../../domain/timeline-filter';
import { measureKey, type DraftMeasure, type InstrumentMeasure } from '../../domain/peer-encounter-draft';
import type { PeerEncounterView, RecordStatus } from '../../domain/peer-encounter-view';
import { reviewedByLine } from '../../domain/review-status';
import { EMPTY_NAMES, nameOf, type NameDirectory } from '../../domain/person-names';

const STATUS_WORDS: Readonly<Record<RecordStatus, string>> = {
  draft: 'Draft in progress (not signed)',
  final: 'Signed',
  amended: 'Signed, then amended',
  'entered-in-error': 'Entered in error',
  unknown: 'Status not stated',
};

/** Said where a part of the note was not fetched: unknown is never shown as nothing. */
const NOT_LOADED = 'Not loaded from the EHR';

function measureText(measure: DraftMeasure): string {
  if (measure.kind === 'score') {
    const known = SCORE_MEASURES.find((m) => m.coding.code === measure.code);
    return `${known?.name ?? measure.code}: ${measure.value}${known ? ` of ${known.max}` : ''}`;
  }
  if (measure.kind === 'instrument') {
    const instrument = INSTRUMENTS.get(measure.instrument);
    return instrument ? instrumentSummary(instrument, measure.answers) : measure.instrument;
  }
  const items = CHECK_IN_ITEMS.flatMap((item) => {
    const score = measure.items[item.code];
    return score === undefined ? [] : [`${item.display} ${score}`];
  });
  const total = Object.values(measure.items).reduce<number>((sum, score) => sum + (score ?? 0), 0);
  return `Recovery check-in: ${items.join(', ')} (total ${total})`;
}

/**
 * An instrument answered item by item: its total, then each answered item with the answer and its
 * points, as a table a screen reader reads by row. The safety item is marked in words, so a positive
 * PHQ-9 item 9 is found without relying on colour.
 */
function InstrumentAnswers({ measure }: { measure: InstrumentMeasure }) {
  const instrument = INSTRUMENTS.get(measure.instrument);
  if (!instrument) {
    return <>{measure.instrument}</>;
  }
  const rows = instrumentItemRows(instrument, measure.answers);
  return (
    <>
      <p class="instrument__summary">{instrumentSummary(instrument, measure.answers)}</p>
      {rows.length > 0 ? (
        <table class="instrument-items">
          <caption class="visually-hidden">{instrument.name} answers, item by item</caption>
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Answer</th>
              <th scope="col">Points</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.linkId} class={row.safetyPositive ? 'instrument-items__safety' : undefined}>
                <th scope="row">
                  {row.number}. {row.text}
                  {row.safetyItem ? (
                    <strong class="instrument-items__flag">
                      {row.safetyPositive ? ' (safety item: answered positive)' : ' (safety item)'}
                    </strong>
                  ) : null}
                </th>
                <td>{row.answer}</td>
                <td>{row.points}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}

function followUpText({ draft, display, loaded }: PeerEncounterView, names: NameDirectory): string {
  if (!draft.followUp) {
    // A request rides in an Observation or a Task: "none" only when both were fetched.
    return loaded.observations && loaded.tasks ? 'None requested' : NOT_LOADED;
  }
  return [
    display.followUpReason,
    display.followUpUrgency,
    draft.followUp.recipient ? `for ${nameOf(names, draft.followUp.recipient, 'a clinician')}` : '',
    draft.followUp.note ?? '',
  ]
    .filter(Boolean)
    .join(' · ');
}

function Fact({ term, children }: { term: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function localDateTime(value: string): string {
  const time = Date.parse(value);
  return Number.isNaN(time)
    ? value
    : new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(time));
}

interface NoteDetailProps {
  view: PeerEncounterView;
  role: string;
  /** The note's whole text where it was read from a clinical note: shown as text, line breaks kept. */
  fullText?: string;
  /** Names for the author, the history's agents and the follow-up's recipient. */
  names?: NameDirectory;
  onClose: () => void;
}

/** Everything a peer wrote in one note, as text. */
export function NoteDetail({ view, role, fullText, names = EMPTY_NAMES, onClose }: NoteDetailProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [view.encounterRef]);
  const { draft, display } = view;
  const notice = labelNotice(view.labels);
  const observations = view.loaded.observations;
  /** What an empty observation-based field says: nothing recorded, or not known. */
  const empty = (none: string): string => (observations ? none : NOT_LOADED);
  const reviewed = reviewedByLine(view.provenance);
  return (
    <section class="clinician-section note-detail" aria-labelledby="note-detail-title">
      <div class="note-detail__head">
        <h2 id="note-detail-title" tabIndex={-1} ref={heading}>
          Peer support note · {formatDate(draft.start)}
        </h2>
        <button type="button" class="secondary" onClick={onClose}>
          Close the note
        </button>
      </div>
      {notice ? (
        <p class="notice notice--restricted" role="note">
          <strong>{notice}</strong>
          <br />
          PeerBridge shows what the EHR shared with you under this label and nothing more.
        </p>
      ) : null}
      <dl class="note-facts">
        <Fact term="Status">{STATUS_WORDS[view.recordStatus]}</Fact>
        {reviewed ? <Fact term="Review">{reviewed}</Fact> : null}
        <Fact term="When">
          {localDateTime(draft.start)}
          {draft.durationMinutes > 0 ? ` · ${draft.durationMinutes} minutes` : ''}
        </Fact>
        <Fact term="Contact">
          {[display.contactMode, display.setting, draft.format === 'group' ? 'group' : 'individual']
            .filter(Boolean)
            .join(' · ')}
          {draft.groupSession?.title ? ` (${draft.groupSession.title})` : ''}
        </Fact>
        <Fact term="Peer">
          {[nameOf(names, view.author, 'Not stated'), role === UNKNOWN_PEER_ROLE ? '' : role]
            .filter(Boolean)
            .join(' · ')}
        </Fact>
        <Fact term="Activities">
          {display.activities.length > 0 ? (
            <ul>
              {display.activities.map((activity) => (
                <li key={activity}>{activity}</li>
              ))}
            </ul>
          ) : (
            empty('None recorded')
          )}
        </Fact>
        <Fact term="Goals">
          {draft.goals.length > 0 ? (
            <ul>
              {draft.goals.map((goal, index) => (
                <li key={goal.goal.kind === 'new' ? goal.goal.key : goal.goal.id}>
                  “{goal.goal.description}”: {display.goalProgress[index] ?? goal.progress}
                  {goal.comment ? ` — ${goal.comment}` : ''}
                </li>
              ))}
            </ul>
          ) : (
            empty('None recorded')
          )}
        </Fact>
        <Fact term="Response">
          {[display.response, draft.response?.comment].filter(Boolean).join(' — ') || empty('Not recorded')}
        </Fact>
        <Fact term="Measures">
          {draft.measures.length > 0 ? (
            <ul>
              {draft.measures.map((measure) => (
                <li key={measureKey(measure)}>
                  {measure.kind === 'instrument' ? (
                    <InstrumentAnswers measure={measure} />
                  ) : (
                    measureText(measure)
                  )}
                </li>
              ))}
            </ul>
          ) : (
            empty('None recorded')
          )}
        </Fact>
        <Fact term="Note">{draft.narrative || empty('No narrative')}</Fact>
        <Fact term="Next steps">{draft.nextSteps ?? empty('None recorded')}</Fact>
        {draft.nextContact ? <Fact term="Next contact planned">{formatDate(draft.nextContact)}</Fact> : null}
        <Fact term="Follow-up">{followUpText(view, names)}</Fact>
      </dl>
      {fullText !== undefined ? (
        <>
          <h3>The note as the EHR keeps it</h3>
          {/* A long note scrolls inside its box: focusable, so a keyboard can scroll it too. */}
          <pre class="note-text" role="region" aria-label="Full text of the note" tabIndex={0}>
            {fullText}
          </pre>
        </>
      ) : null}
      <h3>History</h3>
      {!view.loaded.provenances && view.provenance.length === 0 ? (
        <p class="muted">The note’s history was not loaded from the EHR.</p>
      ) : null}
      {view.provenance.length > 0 ? (
        <ol class="note-history">
          {view.provenance.map((entry, index) => (
            <li key={`${entry.recorded}:${index}`}>
              {localDateTime(entry.recorded)} ·{' '}
              {entry.activity === 'verify' ? 'co-signed' : entry.activityLabel || entry.activity}
              {entry.author || entry.authorReference
                ? ` by ${nameOf(names, { reference: entry.authorReference, display: entry.author })}`
                : ''}
              {entry.reason ? ` — reason: ${entry.reason}` : ''}
            </li>
          ))}
        </ol>
      ) : null}
      {view.loaded.provenances && view.provenance.length === 0 ? (
        <p class="muted">The EHR shared no history for this note.</p>
      ) : null}
    </section>
  );
}
