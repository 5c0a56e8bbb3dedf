import { describeWritePlan } from '../../domain/write-plan-words';
import type { DocumentationModel } from './documentation-model';
import type { GroupProgress, SaveAction } from './save-status';
import type { ParticipantsProps } from './fields/ContactSection';

type People = ParticipantsProps['candidates'];

const CHANGES_SINCE_SAVING =
  'Changes since saving are kept in this tab and are not in the record yet: save again to add them.';

function statusText(model: DocumentationModel, person: string): string {
  const status = model.status.value;
  switch (status.kind) {
    case 'idle':
      if (model.saved.value && model.unsavedChanges.value) {
        return CHANGES_SINCE_SAVING;
      }
      return model.keptInBrowser.value
        ? 'Your words are kept in this tab as you type.'
        : 'This browser is not keeping a copy of your note. Save it to the record soon.';
    case 'saving':
      return status.what === 'final' ? 'Signing and submitting…' : 'Saving to the record…';
    case 'invalid':
      return 'Some answers need a look before this can be saved; see the messages beside them.';
    case 'saved': {
      const others = status.participants > 0 ? ` and for ${status.participants} other participant(s)` : '';
      const since = model.unsavedChanges.value ? ` ${CHANGES_SINCE_SAVING}` : '';
      const written = status.outcome ? ` ${status.outcome}` : '';
      return savedText(status.what, person, others) + written + since;
    }
    case 'failed':
    case 'kept':
      return status.message;
  }
}

function savedText(what: SaveAction, person: string, others: string): string {
  switch (what) {
    case 'draft':
      return `Draft saved to the record for ${person}${others}. You or a colleague can finish it later.`;
    case 'final':
      return `Signed and submitted for ${person}${others}. The care team can see it now.`;
    case 'amend':
      return `Amendment saved for ${person}. The earlier version stays in the note’s history.`;
    case 'entered-in-error':
      return `Marked as entered in error for ${person}.`;
  }
}

function names(ids: readonly string[], people: People): string {
  return ids.map((id) => people.find((p) => p.id === id)?.name ?? 'a participant').join(', ');
}

/** Exactly whose notes a group save that failed part-way left in the record, and whose it did not. */
function groupProgressText(group: GroupProgress, people: People): string {
  const openChart = 'the person whose chart is open';
  const saved = [group.openChartSaved ? openChart : '', names(group.savedFor, people)];
  const inRecord = saved.filter(Boolean).join(', ');
  const notYet = [group.openChartSaved ? '' : openChart, names(group.notSavedFor, people)];
  return [
    inRecord ? `Saved to the record for: ${inRecord}.` : '',
    `Not saved yet for: ${notYet.filter(Boolean).join(', ')}.`,
  ]
    .filter(Boolean)
    .join(' ');
}

/** `person`: who the note is for (see person-named.ts), named again in every confirmation. */
export function SaveBar({
  model,
  person,
  people = [],
}: {
  model: DocumentationModel;
  person: string;
  people?: People;
}) {
  const status = model.status.value;
  const group = status.kind === 'failed' ? status.group : undefined;
  const submitted = model.saved.value?.draft.status === 'final';
  const failed = status.kind === 'failed' || status.kind === 'invalid';
  const plan = model.plan.value;
  return (
    <div class="save-bar">
      <p
        class={failed ? 'save-status save-status--problem' : 'save-status'}
        role={failed ? 'alert' : 'status'}
      >
        {statusText(model, person)}
        {group ? ` ${groupProgressText(group, people)}` : ''}
      </p>
      {!model.saved.value && plan ? <p class="hint write-plan">{describeWritePlan(plan)}</p> : null}
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
