import { INSTRUMENTS } from '../../../domain/codes-instruments';
import { CheckInFields } from './CheckInFields';
import { InstrumentBlock } from './InstrumentBlock';
import type { SectionProps } from './section-props';
import { TotalScoreFields } from './TotalScoreFields';

/**
 * Outcome measures: the standard instruments the peer chooses to give, answered question by question
 * (scored from the items), the recovery check-in, and the totals still entered alone (PHQ-2).
 */
export function MeasuresSection({ model }: SectionProps) {
  return (
    <fieldset class="form-section">
      <legend>Outcome measures (optional)</legend>
      {[...INSTRUMENTS.values()].map((instrument) => (
        <InstrumentBlock key={instrument.id} model={model} instrument={instrument} />
      ))}
      <CheckInFields model={model} />
      <TotalScoreFields model={model} />
    </fieldset>
  );
}
