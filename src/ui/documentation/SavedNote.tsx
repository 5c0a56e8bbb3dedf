import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDate } from '../../domain/format';
import type { PeerEncounterView } from '../../domain/peer-encounter-view';
import { reviewedByLine } from '../../domain/review-status';
import type { DocumentationModel } from './documentation-model';

interface SavedNoteProps {
  model: DocumentationModel;
  view: PeerEncounterView;
  /** Who the note is for (see person-named.ts). */
  person: string;
  onAmend: () => void;
}

function Row({ label, value }: { label: string; value: string }) {
  return value ? (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  ) : null;
}

/** A new note replaces the words on screen: never without the peer's say-so when some are not saved. */
function startNew(model: DocumentationModel): void {
  if (
    model.unsavedChanges.value &&
    !window.confirm(
      'Start a new note? The words you typed after submitting are not in the record and will be gone.',
    )
  ) {
    return;
  }
  model.startNew();
}

/** The submitted note as the server has it, with what a peer may do next. */
export function SavedNote({ model, view, person, onAmend }: SavedNoteProps) {
  const [voiding, setVoiding] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  // Saving replaces the form: take keyboard and screen-reader focus to the result.
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const [reason, setReason] = useState('');
  const { draft, display } = view;
  const voided = view.recordStatus === 'entered-in-error';
  const reviewed = reviewedByLine(view.provenance);
  return (
    <section class="saved-note" aria-labelledby="saved-note-title">
      <h2 id="saved-note-title" tabIndex={-1} ref={heading}>
        {voided ? 'Note entered in error' : 'Submitted note'}
      </h2>
      <p class="hint person-line">
        {voided ? 'Was for' : 'Signed and submitted for'} {person}
      </p>
      <p class="hint">
        As the EHR has it{view.lastUpdated ? `, last updated ${formatDate(view.lastUpdated)}` : ''}
        {view.author.display ? ` · by ${view.author.display}` : ''}.
      </p>
      {reviewed ? <p class="reviewed-by">{reviewed}.</p> : null}
      {model.outcome.value ? <p class="hint write-outcome">{model.outcome.value}</p> : null}
      {model.unsavedChanges.value && !voided ? (
        <p class="notice" role="status">
          You typed more while this note was being submitted. Those words are kept in this tab but are not in
          the record: amend the note to add them.
        </p>
      ) : null}
      <dl class="note-facts">
        <Row label="When" value={`${formatDate(draft.start)} · ${String(draft.durationMinutes)} min`} />
        <Row label="Contact" value={[display.contactMode, display.setting].filter(Boolean).join(' · ')} />
        <Row label="Activities" value={display.activities.join(', ')} />
        <Row
          label="Goals"
          value={draft.goals
            .map((goal, index) =>
              [goal.goal.description, display.goalProgress[index]].filter(Boolean).join(': '),
            )
            .join('; ')}
        />
        <Row label="Response" value={display.response} />
        <Row label="Note" value={draft.narrative} />
        <Row label="Next steps" value={draft.nextSteps ?? ''} />
        <Row label="Next contact" value={draft.nextContact ? formatDate(draft.nextContact) : ''} />
        <Row
          label="Follow-up"
          value={[display.followUpReason, display.followUpUrgency].filter(Boolean).join(' · ')}
        />
      </dl>
      <div class="save-actions">
        {!voided ? (
          <>
            <button type="button" class="secondary" onClick={onAmend} disabled={model.busy.value}>
              Amend this note
            </button>
            <button
              type="button"
              class="secondary"
              onClick={() => setVoiding(true)}
              disabled={model.busy.value}
            >
              Mark entered in error
            </button>
          </>
        ) : null}
        <button type="button" class="primary" onClick={() => startNew(model)} disabled={model.busy.value}>
          Start a new note
        </button>
      </div>
      {voiding && !voided ? (
        <div class="field">
          <label for="entered-in-error-reason">Why is this note in error?</label>
          <input
            id="entered-in-error-reason"
            type="text"
            value={reason}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
          <button
            type="button"
            class="danger"
            disabled={reason.trim() === '' || model.busy.value}
            onClick={() => void model.markEnteredInError(reason)}
          >
            Confirm: entered in error
          </button>
        </div>
      ) : null}
    </section>
  );
}
