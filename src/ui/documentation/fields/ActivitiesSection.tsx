import { ACTIVITIES } from '../../../domain/codes';
import { fieldId } from '../field-ids';
import { FieldError } from './FieldError';
import type { SectionProps } from './section-props';

/** The five peer contributions first, then the rest: toggles a peer can flip with Space or Enter. */
export function ActivitiesSection({ model }: SectionProps) {
  const chosen = model.draft.value.activities;
  const problems = model.problems.value;
  const toggle = (code: string) =>
    model.update((d) => ({
      ...d,
      activities: d.activities.includes(code)
        ? d.activities.filter((c) => c !== code)
        : [...d.activities, code],
    }));
  return (
    <fieldset class="form-section" id={fieldId('activities')}>
      <legend>What you did together</legend>
      <div class="toggles">
        {ACTIVITIES.map((activity) => (
          <button
            type="button"
            key={activity.code}
            class="toggle"
            aria-pressed={chosen.includes(activity.code)}
            title={activity.definition}
            onClick={() => toggle(activity.code)}
          >
            {activity.display}
          </button>
        ))}
      </div>
      <FieldError problems={problems} path="activities" nested />
    </fieldset>
  );
}
