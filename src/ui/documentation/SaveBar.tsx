import type { DocumentationModel } from './documentation-model';

function statusText(model: DocumentationModel, person: string): string {
  const status = model.status.value;
  switch (status.kind) {
    case 'idle':
      return model.keptInBrowser.value
        ? 'Your words are kept in this tab as you type.'
        : 'This browser is not keeping a copy of your note. Save it to the record soon.';
    case 'saving':
      return status.what === 'final' ? 'Signing and submitting…' : 'Saving to the record…';
    case 'invalid':
      return 'Some answers need a look before this can be saved; see the messages beside them.';
    case 'saved': {
      const others = status.participants > 0 ? ` and for ${status.participants} other participant(s)` : '';
      switch (status.what) {
        case 'draft':
          return `Draft saved to the record for ${person}${others}. You or a colleague can finish it later.`;
        case 'final':
          return `Signed and submitted for ${person}${others}. The care team can see it now.`;
        case 'amend':
          return `Amendment saved for ${person}. The earlier version stays in the note’s history.`;
        case 'entered-in-error':
          return `Marked as entered in error for ${person}.`;
      }
      return '';
    }
    case 'failed':
      return status.message;
  }
}

/** `person`: who the note is for (see person-named.ts), named again in every confirmation. */
export function SaveBar({ model, person }: { model: DocumentationModel; person: string }) {
  const status = model.status.value;
  const submitted = model.saved.value?.draft.status === 'final';
  const failed = status.kind === 'failed' || status.kind === 'invalid';
  return (
    <div class="save-bar">
      <p
        class={failed ? 'save-status save-status--problem' : 'save-status'}
        role={failed ? 'alert' : 'status'}
      >
        {statusText(model, person)}
      </p>
      {!submitted ? (
        <div class="save-actions">
          <button
            type="button"
            class="secondary"
            disabled={model.busy.value}
            onClick={() => void model.save('draft')}
          >
            Save draft to record
          </button>
          <button
            type="button"
            class="primary"
            disabled={model.busy.value}
            onClick={() => void model.save('final')}
          >
            Sign and submit
          </button>
        </div>
      ) : null}
    </div>
  );
}
