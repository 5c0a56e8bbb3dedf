import { RESPONSES } from '../../../domain/codes';
import { LIMITS } from '../../../domain/draft-problems';
import { fieldId } from '../field-ids';
import { RadioGroup } from './RadioGroup';
import type { SectionProps } from './section-props';

export function ResponseSection({ model }: SectionProps) {
  const draft = model.draft.value;
  const problems = model.problems.value;
  return (
    <fieldset class="form-section">
      <legend>The person’s response</legend>
      <RadioGroup
        legend="How did they respond?"
        path="response.code"
        options={RESPONSES}
        value={draft.response?.code}
        problems={problems}
        noneLabel="Not recorded"
        onChange={(code) =>
          model.update(({ response, ...d }) => (code ? { ...d, response: { ...response, code } } : d))
        }
      />
      {draft.response ? (
        <div class="field">
          <label for={fieldId('response.comment')}>In their words, or yours (optional)</label>
          <input
            id={fieldId('response.comment')}
            type="text"
            maxLength={LIMITS.comment}
            value={draft.response.comment ?? ''}
            onInput={(e) => {
              const comment = e.currentTarget.value;
              model.update((d) =>
                d.response
                  ? { ...d, response: { code: d.response.code, ...(comment ? { comment } : {}) } }
                  : d,
              );
            }}
          />
        </div>
      ) : null}
    </fieldset>
  );
}
