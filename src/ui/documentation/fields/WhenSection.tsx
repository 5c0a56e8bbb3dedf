import { billingUnits } from '../../../domain/peer-encounter-draft';
import type { SectionProps } from './section-props';
import { describedBy, fieldId } from '../field-ids';
import { FieldError } from './FieldError';
import { fromLocalInputs, toLocalInputs } from '../local-time';

export function WhenSection({ model }: SectionProps) {
  const draft = model.draft.value;
  const problems = model.problems.value;
  const { date, time } = toLocalInputs(draft.start);
  const setStart = (nextDate: string, nextTime: string) => {
    model.update((d) => ({ ...d, start: fromLocalInputs(nextDate, nextTime) || d.start }));
  };
  const units = billingUnits(draft.durationMinutes);
  return (
    <fieldset class="form-section">
      <legend>When</legend>
      <div class="field-row">
        <div class="field">
          <label for={fieldId('start')}>Date</label>
          <input
            id={fieldId('start')}
            type="date"
            value={date}
            required
            onInput={(e) => setStart(e.currentTarget.value, time)}
            {...describedBy(problems, 'start')}
          />
        </div>
        <div class="field">
          <label for={fieldId('start-time')}>Start time</label>
          <input
            id={fieldId('start-time')}
            type="time"
            value={time}
            required
            onInput={(e) => setStart(date, e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for={fieldId('durationMinutes')}>Duration (minutes)</label>
          <input
            id={fieldId('durationMinutes')}
            type="number"
            inputMode="numeric"
            min={1}
            max={600}
            step={1}
            value={draft.durationMinutes > 0 ? String(draft.durationMinutes) : ''}
            onInput={(e) => {
              const minutes = Number.parseInt(e.currentTarget.value, 10);
              model.update((d) => ({ ...d, durationMinutes: Number.isFinite(minutes) ? minutes : 0 }));
            }}
            {...describedBy(problems, 'durationMinutes')}
          />
          <p class="hint" aria-live="polite">
            {units === 1 ? '1 billing unit of 15 minutes' : `${units} billing units of 15 minutes`}
          </p>
        </div>
      </div>
      <FieldError problems={problems} path="start" />
      <FieldError problems={problems} path="durationMinutes" />
    </fieldset>
  );
}
