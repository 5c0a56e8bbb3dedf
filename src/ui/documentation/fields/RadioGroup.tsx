import type { Concept } from '../../../domain/terminology';
import type { DraftProblem } from '../../../domain/validate-draft';
import { describedBy, fieldId } from '../field-ids';
import { FieldError } from './FieldError';

interface RadioGroupProps {
  legend: string;
  path: string;
  options: readonly Concept[];
  value: string | undefined;
  problems: readonly DraftProblem[];
  onChange: (code: string) => void;
  /** Offer "none" as the first choice, for optional questions. */
  noneLabel?: string;
}

/** A native radio group: arrow keys move between choices, as every screen reader user expects. */
export function RadioGroup({ legend, path, options, value, problems, onChange, noneLabel }: RadioGroupProps) {
  const name = fieldId(path);
  return (
    <fieldset class="radio-group" id={name} {...describedBy(problems, path)}>
      <legend>{legend}</legend>
      {noneLabel !== undefined ? (
        <label class="choice">
          <input type="radio" name={name} value="" checked={!value} onChange={() => onChange('')} />
          {noneLabel}
        </label>
      ) : null}
      {options.map((option) => (
        <label class="choice" key={option.code}>
          <input
            type="radio"
            name={name}
            value={option.code}
            checked={value === option.code}
            onChange={() => onChange(option.code)}
          />
          {option.display}
        </label>
      ))}
      <FieldError problems={problems} path={path} />
    </fieldset>
  );
}
