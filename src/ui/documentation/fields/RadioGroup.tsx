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
  /** Choices that cannot be chosen now (say why in `describedById`). */
  disabledCodes?: readonly string[];
  /** The id of a hint that explains the group, read with it. */
  describedById?: string;
}

/** A native radio group: arrow keys move between choices, as every screen reader user expects. */
export function RadioGroup({
  legend,
  path,
  options,
  value,
  problems,
  onChange,
  noneLabel,
  disabledCodes = [],
  describedById,
}: RadioGroupProps) {
  const name = fieldId(path);
  const invalid = describedBy(problems, path);
  const described = [describedById, invalid['aria-describedby']].filter(Boolean).join(' ');
  return (
    <fieldset
      class="radio-group"
      id={name}
      {...invalid}
      {...(described ? { 'aria-describedby': described } : {})}
    >
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
            disabled={disabledCodes.includes(option.code)}
            onChange={() => onChange(option.code)}
          />
          {option.display}
        </label>
      ))}
      <FieldError problems={problems} path={path} />
    </fieldset>
  );
}
