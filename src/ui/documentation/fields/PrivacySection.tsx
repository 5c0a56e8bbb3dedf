import type { Sensitivity } from '../../../domain/peer-encounter-draft';
import { fieldId } from '../field-ids';
import type { SectionProps } from './section-props';

const CHOICES: readonly { readonly value: Sensitivity; readonly label: string; readonly hint: string }[] = [
  { value: 'normal', label: 'Usual privacy', hint: 'Shared with the care team as the EHR allows.' },
  {
    value: 'restricted',
    label: 'Restricted (behavioural health)',
    hint: 'Labelled restricted; the EHR limits who can see it.',
  },
  {
    value: 'part2',
    label: 'Substance use programme (42 CFR Part 2)',
    hint: 'Labelled under 42 CFR Part 2: no redisclosure without the person’s consent.',
  },
];

export function PrivacySection({ model }: SectionProps) {
  const sensitivity = model.draft.value.sensitivity;
  const name = fieldId('sensitivity');
  return (
    <fieldset class="form-section">
      <legend>Privacy</legend>
      {CHOICES.map((choice) => (
        <label class="choice choice--block" key={choice.value}>
          <input
            type="radio"
            name={name}
            checked={sensitivity === choice.value}
            onChange={() => model.update((d) => ({ ...d, sensitivity: choice.value }))}
          />
          <span>
            {choice.label}
            <span class="hint"> — {choice.hint}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
