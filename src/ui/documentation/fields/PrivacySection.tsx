import type { Sensitivity } from '../../../domain/peer-encounter-draft';
import { sensitivityInProgram } from '../../../domain/program-config';
import { fieldId } from '../field-ids';
import type { SectionProps } from './section-props';

/**
 * Each choice says what PeerBridge sends (FHIR meta.security labels), not what the EHR does with it:
 * whether anyone's view is limited is the EHR's enforcement, and some EHRs ignore incoming labels.
 */
const CHOICES: readonly { readonly value: Sensitivity; readonly label: string; readonly hint: string }[] = [
  { value: 'normal', label: 'Usual privacy', hint: 'No privacy label is sent with the note.' },
  {
    value: 'restricted',
    label: 'Restricted (behavioural health)',
    hint: 'Sent labelled restricted and behavioural health.',
  },
  {
    value: 'part2',
    label: 'Substance use programme (42 CFR Part 2)',
    hint: 'Sent labelled restricted, substance use, 42 CFR Part 2 and “no redisclosure without consent”.',
  },
];

export function PrivacySection({ model }: SectionProps) {
  const program = model.program;
  const part2Programme = program?.part2 === true;
  const sensitivity = sensitivityInProgram(model.draft.value.sensitivity, program);
  const name = fieldId('sensitivity');
  return (
    <fieldset class="form-section" aria-describedby="privacy-enforcement">
      <legend>Privacy</legend>
      {part2Programme ? (
        <p class="hint" id="privacy-programme">
          This is a 42 CFR Part 2 programme (set by your IT team), so every note of it is sent with the Part 2
          labels.
        </p>
      ) : null}
      {CHOICES.map((choice) => {
        // In a Part 2 programme a note cannot go out with less than the programme's labels.
        const belowProgramme = sensitivityInProgram(choice.value, program) !== choice.value;
        return (
          <label class="choice choice--block" key={choice.value}>
            <input
              type="radio"
              name={name}
              checked={sensitivity === choice.value}
              disabled={belowProgramme}
              onChange={() => model.update((d) => ({ ...d, sensitivity: choice.value }))}
            />
            <span>
              {choice.label}
              <span class="hint"> — {choice.hint}</span>
            </span>
          </label>
        );
      })}
      <p class="hint" id="privacy-enforcement">
        PeerBridge sends these labels with the note; who can see it is up to your EHR, which may or may not
        enforce them.
      </p>
    </fieldset>
  );
}
