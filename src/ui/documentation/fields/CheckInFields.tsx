import { CHECK_IN_ITEMS } from '../../../domain/codes';
import type { CheckInScore } from '../../../domain/peer-encounter-draft';
import { describedBy, fieldId } from '../field-ids';
import { checkInOf, withCheckInItem } from '../measure-edits';
import { FieldError } from './FieldError';
import type { SectionProps } from './section-props';

const SCORES: readonly CheckInScore[] = [1, 2, 3, 4, 5];

/** The PeerBridge recovery check-in: five questions, each 1 to 5 or skipped. */
export function CheckInFields({ model }: Pick<SectionProps, 'model'>) {
  const draft = model.draft.value;
  const problems = model.problems.value;
  const checkIn = checkInOf(draft);
  const checkInIndex = draft.measures.findIndex((m) => m.kind === 'check-in');
  return (
    <>
      <p class="hint">Recovery check-in: ask the person to rate each from 1 (not at all) to 5 (very much).</p>
      {CHECK_IN_ITEMS.map((item) => {
        const path = `measures.${checkInIndex}.items.${item.code}`;
        const name = fieldId(`check-in-${item.code}`);
        return (
          <fieldset class="scale" key={item.code} {...describedBy(problems, path)}>
            <legend>
              {item.display}
              {item.definition ? <span class="hint"> — “{item.definition}”</span> : null}
            </legend>
            <label class="choice">
              <input
                type="radio"
                name={name}
                checked={checkIn?.items[item.code] === undefined}
                onChange={() => model.update((d) => withCheckInItem(d, item.code, undefined))}
              />
              Skip
            </label>
            {SCORES.map((score) => (
              <label class="choice" key={score}>
                <input
                  type="radio"
                  name={name}
                  checked={checkIn?.items[item.code] === score}
                  onChange={() => model.update((d) => withCheckInItem(d, item.code, score))}
                />
                {score}
              </label>
            ))}
            <FieldError problems={problems} path={path} />
          </fieldset>
        );
      })}
    </>
  );
}
