import type { InstrumentItem } from '../../../domain/codes-instruments';
import type { DraftProblem } from '../../../domain/validate-draft';
import { describedBy, fieldId } from '../field-ids';
import { FieldError } from './FieldError';

interface InstrumentItemGroupProps {
  /** The item's draft path, `measures.<n>.answers.<linkId>`: its id, its radios' name, its problems. */
  readonly path: string;
  readonly number: number;
  readonly item: InstrumentItem;
  /** The answer code given, if any. */
  readonly value: string | undefined;
  readonly problems: readonly DraftProblem[];
  readonly onAnswer: (code: string) => void;
  /** A digit answered this item: where focus goes next (the next item), else it stays here. */
  readonly nextPath: string | undefined;
}

/** Focuses an item's group as Tab would: its checked answer, else its first. */
export function focusItem(path: string): boolean {
  const group = document.getElementById(fieldId(path));
  const target =
    group?.querySelector<HTMLInputElement>('input:checked') ??
    group?.querySelector<HTMLInputElement>('input');
  target?.focus();
  return target !== null && target !== undefined;
}

/**
 * One question as a native radio group (arrow keys move between answers, as screen reader users
 * expect), with a shortcut as fast as typing a total: a digit typed anywhere in the group picks the
 * answer worth those points and moves on to the next question.
 */
export function InstrumentItemGroup({
  path,
  number,
  item,
  value,
  problems,
  onAnswer,
  nextPath,
}: InstrumentItemGroupProps) {
  const name = fieldId(path);
  return (
    <fieldset
      class="scale instrument-item"
      id={name}
      {...describedBy(problems, path)}
      onKeyDown={(e) => {
        if (e.ctrlKey || e.altKey || e.metaKey || !/^[0-9]$/.test(e.key)) {
          return;
        }
        const answer = item.answers.find((a) => a.points === Number(e.key));
        if (!answer) {
          return;
        }
        e.preventDefault();
        onAnswer(answer.coding.code);
        if (!nextPath || !focusItem(nextPath)) {
          e.currentTarget
            .querySelector<HTMLInputElement>(`input[value="${CSS.escape(answer.coding.code)}"]`)
            ?.focus();
        }
      }}
    >
      <legend>
        {number}. {item.text}
      </legend>
      {item.answers.map((answer) => (
        <label class="choice" key={answer.coding.code}>
          <input
            type="radio"
            name={name}
            value={answer.coding.code}
            checked={value === answer.coding.code}
            aria-keyshortcuts={String(answer.points)}
            onChange={() => onAnswer(answer.coding.code)}
          />
          {answer.coding.display} ({answer.points})
        </label>
      ))}
      <FieldError problems={problems} path={path} />
    </fieldset>
  );
}
