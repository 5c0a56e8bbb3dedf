/**
 * The note form's changes to the draft's outcome measures, one function per thing a peer does. Pure:
 * each takes the draft and gives the next one, so the model (and the safety follow-up rule after it)
 * sees every change the same way.
 */
import type { InstrumentId } from '../../domain/codes-instruments';
import type {
  CheckInMeasure,
  CheckInScore,
  DraftMeasure,
  PeerEncounterDraft,
} from '../../domain/peer-encounter-draft';

export function checkInOf(draft: PeerEncounterDraft): CheckInMeasure | undefined {
  return draft.measures.find((m): m is CheckInMeasure => m.kind === 'check-in');
}

export function withCheckInItem(
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

/** A total entered alone (the PHQ-2, or a total kept from a draft written before items were asked). */
export function withScore(
  draft: PeerEncounterDraft,
  code: string,
  value: number | undefined,
): PeerEncounterDraft {
  const index = draft.measures.findIndex((m) => m.kind === 'score' && m.code === code);
  if (value === undefined) {
    return index < 0 ? draft : { ...draft, measures: draft.measures.filter((_, i) => i !== index) };
  }
  const measure: DraftMeasure = { kind: 'score', code, value };
  // In place, so the measure keeps its index (and its field's id and any problem shown beside it).
  const measures =
    index < 0 ? [...draft.measures, measure] : draft.measures.map((m, i) => (i === index ? measure : m));
  return { ...draft, measures };
}

/** The index of the instrument's measure in the draft, or -1 when it is not given. */
export function instrumentIndex(draft: PeerEncounterDraft, id: InstrumentId): number {
  return draft.measures.findIndex((m) => m.kind === 'instrument' && m.instrument === id);
}

/** The peer chose to give an instrument: it joins the note with no answers yet. */
export function withInstrument(draft: PeerEncounterDraft, id: InstrumentId): PeerEncounterDraft {
  if (instrumentIndex(draft, id) >= 0) {
    return draft;
  }
  return { ...draft, measures: [...draft.measures, { kind: 'instrument', instrument: id, answers: {} }] };
}

/** "Clear PHQ-9": the instrument and its answers leave the note. */
export function withoutInstrument(draft: PeerEncounterDraft, id: InstrumentId): PeerEncounterDraft {
  return {
    ...draft,
    measures: draft.measures.filter((m) => !(m.kind === 'instrument' && m.instrument === id)),
  };
}

/** One item answered (answer code from the item's own answers). */
export function withAnswer(
  draft: PeerEncounterDraft,
  id: InstrumentId,
  linkId: string,
  code: string,
): PeerEncounterDraft {
  return {
    ...draft,
    measures: draft.measures.map((m) =>
      m.kind === 'instrument' && m.instrument === id
        ? { ...m, answers: { ...m.answers, [linkId]: code } }
        : m,
    ),
  };
}
