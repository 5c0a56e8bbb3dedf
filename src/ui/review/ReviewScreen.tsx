import { useEffect, useMemo } from 'preact/hooks';
import { formatDate } from '../../domain/format';
import { NoteReviewWriter } from '../../fhir/note-review-writer';
import { loadPeerNote } from '../../fhir/peer-note-query';
import { loadReviewQueue } from '../../fhir/review-queue-query';
import { NoteDetail } from '../clinician/NoteDetail';
import '../clinician/clinician.css';
import type { HomeViewProps } from '../home/home-view';
import { createReviewModel, type ReviewDataSource, type ReviewModel } from './review-model';
import './review.css';

/** The signed-in supervisor's data source: their care teams' notes, written back as reviews. */
export function reviewDataSource({
  session,
  server,
  user,
}: Omit<HomeViewProps, 'openPerson'>): ReviewDataSource {
  const writer = new NoteReviewWriter(
    session,
    {
      reference: user.practitionerRole ?? user.practitioner ?? user.reference,
      display: user.name,
      ...(user.organization ? { organization: user.organization } : {}),
    },
    { now: () => new Date(), capabilities: () => server.capabilities },
  );
  return {
    loadQueue: () =>
      server.capabilities.then((capabilities) =>
        loadReviewQueue(session, capabilities, user.practitioner ?? user.reference),
      ),
    loadNote: (note) =>
      server.capabilities.then((capabilities) =>
        loadPeerNote(session, capabilities, note.patientId, note.encounterId),
      ),
    cosign: (note) => writer.cosign(note),
    returnNote: (note, comment) => writer.returnNote(note, comment),
  };
}

function QueueTable({ model }: { model: ReviewModel }) {
  const notes = model.notes.value;
  if (notes.length === 0) {
    return <p class="muted">No notes from your team are waiting for your review.</p>;
  }
  const openedId = model.opened.value?.note.encounterId;
  return (
    <table class="review-queue">
      <caption class="visually-hidden">Signed peer notes awaiting your review, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Person</th>
          <th scope="col">Peer</th>
          <th scope="col">Contact</th>
          <th scope="col">Summary</th>
          <th scope="col">Signed</th>
          <th scope="col">
            <span class="visually-hidden">Open</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {notes.map((note) => (
          <tr key={note.encounterId} aria-current={note.encounterId === openedId ? 'true' : undefined}>
            <th scope="row">{note.personName}</th>
            <td>{note.peer.display || 'Not stated'}</td>
            <td>{formatDate(note.start)}</td>
            <td>{note.summary || '—'}</td>
            <td>{formatDate(note.signedAt)}</td>
            <td>
              <button
                type="button"
                class="secondary"
                disabled={model.busy.value}
                onClick={() => void model.open(note)}
                aria-label={`Open ${note.personName}’s note of ${formatDate(note.start)}`}
              >
                Open
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ReviewActions({ model }: { model: ReviewModel }) {
  const status = model.status.value;
  const saving = status.kind === 'saving' ? status.action : undefined;
  return (
    <section class="review-actions" aria-labelledby="review-actions-title">
      <h3 id="review-actions-title">Your review</h3>
      <p class="hint">
        You can co-sign the note or return it to the peer. Only the peer can change their words.
      </p>
      {status.kind === 'failed' ? (
        <p class="notice" role="alert">
          {status.message}
          {status.refused ? '' : ' You can try again: PeerBridge checks first, so nothing is written twice.'}
        </p>
      ) : null}
      <div class="save-actions">
        <button type="button" class="primary" disabled={model.busy.value} onClick={() => void model.cosign()}>
          {saving === 'cosign' ? 'Co-signing…' : 'Co-sign'}
        </button>
      </div>
      <div class="field">
        <label for="review-comment">What should the peer change? (required to return the note)</label>
        <textarea
          id="review-comment"
          rows={3}
          value={model.comment.value}
          onInput={(e) => model.setComment(e.currentTarget.value)}
          disabled={model.busy.value}
        />
      </div>
      <div class="save-actions">
        <button
          type="button"
          class="secondary"
          disabled={!model.canReturn.value}
          onClick={() => void model.returnWithComment()}
        >
          {saving === 'return' ? 'Returning…' : 'Return with comment'}
        </button>
      </div>
    </section>
  );
}

function OpenedNoteView({ model }: { model: ReviewModel }) {
  const opened = model.opened.value;
  if (!opened) {
    return null;
  }
  if (opened.kind === 'loading') {
    return (
      <p class="progress" role="status">
        Opening {opened.note.personName}’s note…
      </p>
    );
  }
  if (opened.kind === 'failed') {
    return (
      <p class="notice" role="alert">
        {opened.message}
      </p>
    );
  }
  return (
    <div class="review-note">
      <NoteDetail view={opened.view} role="Peer specialist" onClose={() => model.close()} />
      <ReviewActions model={model} />
    </div>
  );
}

/** "Awaiting review": the supervisor's queue of their team's signed notes, to co-sign or return. */
export function ReviewView({ model }: { model: ReviewModel }) {
  const load = model.load.value;
  return (
    <section class="clinician-section review-screen" aria-labelledby="review-title">
      <h2 id="review-title">Notes awaiting your review</h2>
      <p class="visually-hidden" role="status">
        {model.announcement.value}
      </p>
      {model.announcement.value ? <p class="hint write-outcome">{model.announcement.value}</p> : null}
      {load.kind === 'loading' ? (
        <p class="progress" role="status">
          Loading your team’s notes…
        </p>
      ) : null}
      {load.kind === 'failed' ? (
        <p class="notice" role="alert">
          Your team’s notes could not be loaded: {load.message}{' '}
          <button type="button" class="secondary" onClick={() => void model.reload()}>
            Try again
          </button>
        </p>
      ) : null}
      {load.kind === 'ready' ? <QueueTable model={model} /> : null}
      {load.kind === 'ready' && !model.complete.value ? (
        <p class="muted">Your team has more notes than PeerBridge reads at once; the newest are listed.</p>
      ) : null}
      <OpenedNoteView model={model} />
    </section>
  );
}

export function ReviewScreen(props: HomeViewProps) {
  const { session, server, user } = props;
  const model = useMemo(
    () => createReviewModel(reviewDataSource({ session, server, user })),
    [session, server, user],
  );
  useEffect(() => {
    void model.reload();
  }, [model]);
  return <ReviewView model={model} />;
}
