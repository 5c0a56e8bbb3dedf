import { LIMITS } from '../../../domain/draft-problems';
import { describedBy, fieldId } from '../field-ids';
import { FieldError } from './FieldError';
import type { SectionProps } from './section-props';

export function NoteSection({ model }: SectionProps) {
  const draft = model.draft.value;
  const problems = model.problems.value;
  return (
    <fieldset class="form-section">
      <legend>Note</legend>
      <div class="field">
        <label for={fieldId('narrative')}>What happened (plain, strengths-based words)</label>
        <textarea
          id={fieldId('narrative')}
          rows={6}
          maxLength={LIMITS.narrative}
          value={draft.narrative}
          onInput={(e) => {
            const narrative = e.currentTarget.value;
            model.update((d) => ({ ...d, narrative }));
          }}
          {...describedBy(problems, 'narrative')}
        />
        <FieldError problems={problems} path="narrative" />
      </div>
      <div class="field">
        <label for={fieldId('nextSteps')}>Next steps</label>
        <textarea
          id={fieldId('nextSteps')}
          rows={2}
          maxLength={LIMITS.nextSteps}
          value={draft.nextSteps ?? ''}
          onInput={(e) => {
            const nextSteps = e.currentTarget.value;
            model.update(({ nextSteps: _old, ...d }) => (nextSteps ? { ...d, nextSteps } : d));
          }}
        />
      </div>
      <div class="field">
        <label for={fieldId('nextContact')}>Next contact (optional)</label>
        <input
          id={fieldId('nextContact')}
          type="date"
          value={draft.nextContact ?? ''}
          onInput={(e) => {
            const nextContact = e.currentTarget.value;
            model.update(({ nextContact: _old, ...d }) => (nextContact ? { ...d, nextContact } : d));
          }}
          {...describedBy(problems, 'nextContact')}
        />
        <p class="hint">
          When you plan to be in touch next; it shows on your people list. Nothing is booked.
        </p>
        <FieldError problems={problems} path="nextContact" />
      </div>
    </fieldset>
  );
}
