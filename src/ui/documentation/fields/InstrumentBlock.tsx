import type { Instrument } from '../../../domain/codes-instruments';
import { safetyAnswerOf } from '../../../domain/instrument-scoring';
import { instrumentSummary } from '../../../domain/instrument-text';
import { fieldId } from '../field-ids';
import { instrumentIndex, withAnswer, withInstrument, withoutInstrument } from '../measure-edits';
import { FieldError } from './FieldError';
import { InstrumentItemGroup } from './InstrumentItemGroup';
import { SafetyPrompt } from './SafetyPrompt';
import type { SectionProps } from './section-props';

function pointsRange(instrument: Instrument): string {
  const points = instrument.items.flatMap((item) => item.answers.map((a) => a.points));
  return `${Math.min(...points)}–${Math.max(...points)}`;
}

export function chooserId(instrument: Instrument): string {
  return fieldId(`instrument-${instrument.id}`);
}

/**
 * One standard instrument: a checkbox to give it, then (once chosen) its questions, its running score
 * and a button to clear it. Whatever is answered is in the draft at once, so a reload keeps it.
 */
export function InstrumentBlock({
  model,
  instrument,
}: Pick<SectionProps, 'model'> & { instrument: Instrument }) {
  const draft = model.draft.value;
  const problems = model.problems.value;
  const index = instrumentIndex(draft, instrument.id);
  const measure = draft.measures[index];
  const answers = measure?.kind === 'instrument' ? measure.answers : undefined;
  const groupPath = `measures.${index}`;
  const hintId = `${fieldId(groupPath)}-hint`;
  const safety = answers ? safetyAnswerOf(instrument, answers) : undefined;
  return (
    <div class="instrument">
      <label class="choice">
        <input
          type="checkbox"
          id={chooserId(instrument)}
          checked={answers !== undefined}
          onChange={() =>
            model.update((d) =>
              answers ? withoutInstrument(d, instrument.id) : withInstrument(d, instrument.id),
            )
          }
        />
        Give the {instrument.name} ({instrument.title}, {instrument.items.length} questions)
      </label>
      {answers ? (
        <fieldset class="instrument-items" id={fieldId(groupPath)} aria-describedby={hintId}>
          <legend>{instrument.name} questions</legend>
          <p class="hint" id={hintId}>
            {instrument.lead ? `${instrument.lead} ` : ''}Type the points ({pointsRange(instrument)}) on a
            question to choose that answer and go to the next.
          </p>
          {instrument.items.map((item, itemIndex) => {
            const next = instrument.items[itemIndex + 1];
            return (
              <InstrumentItemGroup
                key={item.linkId}
                path={`${groupPath}.answers.${item.linkId}`}
                number={itemIndex + 1}
                item={item}
                value={answers[item.linkId]}
                problems={problems}
                nextPath={next ? `${groupPath}.answers.${next.linkId}` : undefined}
                onAnswer={(code) => model.update((d) => withAnswer(d, instrument.id, item.linkId, code))}
              />
            );
          })}
          {instrument.safetyItem ? (
            // Always in the page, so a screen reader announces the prompt when it appears.
            <div aria-live="polite">
              {safety ? <SafetyPrompt answer={safety} protocol={model.crisisProtocol} /> : null}
            </div>
          ) : null}
          <p class="instrument-score" aria-live="polite">
            {instrumentSummary(instrument, answers)}
          </p>
          <button
            type="button"
            class="secondary"
            onClick={() => {
              model.update((d) => withoutInstrument(d, instrument.id));
              document.getElementById(chooserId(instrument))?.focus();
            }}
          >
            Clear {instrument.name}
          </button>
          <FieldError problems={problems} path={groupPath} />
        </fieldset>
      ) : null}
    </div>
  );
}
