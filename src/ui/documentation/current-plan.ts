import { signal, type ReadonlySignal } from '@preact/signals';
import type { WritePlan } from '../../domain/write-plan';
import type { PeerNoteWriter } from '../../fhir/peer-note-writer';

export interface CurrentPlan {
  /** What a save writes to this EHR (the write plan), once known; it changes after a refusal. */
  readonly plan: ReadonlySignal<WritePlan | undefined>;
  /** Asks the writer again, after each save: a refusal changes what the next save writes. */
  readonly refresh: () => void;
}

/** The write plan for the line shown before saving; asked for at once. */
export function createCurrentPlan(writer: Pick<PeerNoteWriter, 'currentPlan'>): CurrentPlan {
  const plan = signal<WritePlan | undefined>(undefined);
  function refresh(): void {
    writer.currentPlan().then(
      (next) => {
        plan.value = next;
      },
      () => {
        // Unknown until the next save: the line is simply not shown.
      },
    );
  }
  refresh();
  return { plan, refresh };
}
