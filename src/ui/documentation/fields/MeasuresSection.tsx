import { CHECK_IN_ITEMS, SCORE_MEASURES } from '../../../domain/codes';
import type { CheckInScore, DraftMeasure, PeerEncounterDraft } from '../../../domain/peer-encounter-draft';
import { describedBy, fieldId } from '../field-ids';
import { FieldError } from './FieldError';
import type { SectionProps } from './section-props';

const SCORES: readonly CheckInScore[] = [1, 2, 3, 4, 5];

function checkInOf(draft: PeerEncounterDraft): Extract<DraftMeasure, { kind: 'check-in' }> | undefined {
  return draft.measures.find((m): m is Extract<DraftMeasure, { kind: 'check-in' }> => m.kind === 'check-in');
}

function withCheckInItem(
  draft: PeerEncounterDraft,
  item: string,
  score: CheckInScore | undefined,
): PeerEncounterDraft {
  const current = checkInOf(draft);
  const items = Object.fromEntries(
    Object.entries({ ...current?.items, [item]: score }).filter(([, value]) => value !== undefined),
  ) as Partial<Record<string, CheckInScore>>;
  const others = draft.measures.filter((m) => m.kind !== 'check-in');
  return {
    ...draft,
    measures: Object.keys(items).length > 0 ? [{ kind: 'check-in', items }, ...others] : others,
  };
}

function withScore(draft: PeerEncounterDraft, code: string, value: number | undefined): PeerEncounterDraft {
  const others = draft.measures.filter((m) => !(m.kind === 'score' && m.code === code));
  return { ...draft, measures: value === undefined ? others : [...others, { kind: 'score', code, value }] };
}

export function MeasuresSection({ model }: SectionProps) {
  const draft = model.draft.value;
  const problems = model.problems.value;
  const checkIn = checkInOf(draft);
  const checkInIndex = draft.measures.findIndex((m) => m.kind === 'check-in');
  return (
    <fieldset class="form-section">
      <legend>Outcome measures (optional)</legend>
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
      <div class="field-row">
        {SCORE_MEASURES.map((measure) => {
          const index = draft.measures.findIndex((m) => m.kind === 'score' && m.code === measure.coding.code);
          const current = draft.measures[index];
          const path = `measures.${index}.value`;
          return (
            <div class="field" key={measure.coding.code}>
              <label for={fieldId(`score-${measure.coding.code}`)}>
                {measure.name} total ({measure.min}–{measure.max})
              </label>
              <input
                id={fieldId(`score-${measure.coding.code}`)}
                type="number"
                inputMode="numeric"
                min={measure.min}
                max={measure.max}
                value={current?.kind === 'score' ? String(current.value) : ''}
                onInput={(e) => {
                  const value = Number.parseInt(e.currentTarget.value, 10);
                  model.update((d) =>
                    withScore(d, measure.coding.code, Number.isFinite(value) ? value : undefined),
                  );
                }}
                {...describedBy(problems, path)}
              />
              <FieldError problems={problems} path={path} />
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
