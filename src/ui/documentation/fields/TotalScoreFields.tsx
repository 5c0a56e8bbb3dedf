import { SCORE_MEASURES, type ScoreMeasure } from '../../../domain/codes';
import { INSTRUMENTS } from '../../../domain/codes-instruments';
import type { DraftProblem } from '../../../domain/validate-draft';
import { describedBy, fieldId } from '../field-ids';
import { withScore } from '../measure-edits';
import { FieldError } from './FieldError';
import type { SectionProps } from './section-props';

/** Totals with no instrument asked item by item here (the PHQ-2): always offered. */
const INSTRUMENT_TOTALS = new Set([...INSTRUMENTS.values()].map((instrument) => instrument.total.code));
const TOTAL_ONLY = SCORE_MEASURES.filter((measure) => !INSTRUMENT_TOTALS.has(measure.coding.code));

/**
 * Totals entered alone: the PHQ-2, and, in a draft kept from before instruments were asked item by
 * item, the PHQ-9, GAD-7, BARC-10 or QPR-15 total it holds (shown so it is neither lost nor written
 * unseen; it goes once cleared).
 */
export function TotalScoreFields({ model }: Pick<SectionProps, 'model'>) {
  const draft = model.draft.value;
  const problems = model.problems.value;
  const kept = SCORE_MEASURES.filter(
    (measure) =>
      INSTRUMENT_TOTALS.has(measure.coding.code) &&
      draft.measures.some((m) => m.kind === 'score' && m.code === measure.coding.code),
  );
  return (
    <div class="field-row">
      {[...TOTAL_ONLY, ...kept].map((measure) => (
        <TotalScoreField
          key={measure.coding.code}
          model={model}
          measure={measure}
          kept={kept.includes(measure)}
          problems={problems}
        />
      ))}
    </div>
  );
}

function TotalScoreField({
  model,
  measure,
  kept,
  problems,
}: Pick<SectionProps, 'model'> & {
  measure: ScoreMeasure;
  kept: boolean;
  problems: readonly DraftProblem[];
}) {
  const draft = model.draft.value;
  const index = draft.measures.findIndex((m) => m.kind === 'score' && m.code === measure.coding.code);
  const current = draft.measures[index];
  const path = `measures.${index}.value`;
  const id = fieldId(`score-${measure.coding.code}`);
  const hintId = `${id}-hint`;
  const invalid = describedBy(problems, path);
  return (
    <div class="field">
      <label for={id}>
        {measure.name} total ({measure.min}–{measure.max})
      </label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={measure.min}
        max={measure.max}
        value={current?.kind === 'score' ? String(current.value) : ''}
        onInput={(e) => {
          const value = Number.parseInt(e.currentTarget.value, 10);
          model.update((d) => withScore(d, measure.coding.code, Number.isFinite(value) ? value : undefined));
        }}
        {...invalid}
        {...(kept
          ? { 'aria-describedby': [hintId, invalid['aria-describedby']].filter(Boolean).join(' ') }
          : {})}
      />
      {kept ? (
        <p class="hint" id={hintId}>
          Entered as a total in an earlier draft. Empty it to give the {measure.name} question by question.
        </p>
      ) : null}
      <FieldError problems={problems} path={path} />
    </div>
  );
}
