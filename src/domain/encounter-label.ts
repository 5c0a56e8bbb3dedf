/**
 * What a clinical encounter was, in words: its type, else its serviceType, else its class (a label
 * for the v3 ActCode classes, or the class's own display), else why it happened ("Visit for
 * Depression"). "Visit" alone only when the server said none of these. Total over server data.
 */
import type { Encounter } from 'fhir/r4';
import { ENCOUNTER_CLASS_LABELS, ENCOUNTER_CLASS_SYSTEM } from './codes';
import { codingsOf } from './fhir-read';
import { isRecord, textOf } from './guards';

export const UNNAMED_VISIT = 'Visit';

/** Encounter.class is a Coding in R4; some servers send a CodeableConcept, or a list of either. */
function classLabel(value: unknown): string {
  const items: unknown[] = Array.isArray(value) ? (value as unknown[]) : [value];
  const codings: Record<string, unknown>[] = items.flatMap((item) =>
    isRecord(item) ? [item, ...codingsOf(item).filter(isRecord)] : [],
  );
  const mapped = codings.map((coding) => {
    const code = textOf(coding.code);
    const system = textOf(coding.system);
    return code && (!system || system === ENCOUNTER_CLASS_SYSTEM)
      ? ENCOUNTER_CLASS_LABELS.get(code)
      : undefined;
  });
  return (
    mapped.find(Boolean) ??
    codings.map((coding) => textOf(coding.text) ?? textOf(coding.display)).find(Boolean) ??
    ''
  );
}

/** A concept's text or display; a bare code ("99213") tells a person less than the next source. */
function wordsOf(concepts: unknown): string {
  const list: unknown[] = Array.isArray(concepts) ? (concepts as unknown[]) : [concepts];
  for (const concept of list) {
    const words = isRecord(concept)
      ? (textOf(concept.text) ??
        codingsOf(concept)
          .map((c) => textOf(c.display))
          .find(Boolean))
      : undefined;
    if (words) {
      return words;
    }
  }
  return '';
}

export function encounterLabel(encounter: Encounter): string {
  const reason = wordsOf(encounter.reasonCode);
  return (
    wordsOf(encounter.type) ||
    wordsOf(encounter.serviceType) ||
    classLabel(encounter.class) ||
    (reason ? `${UNNAMED_VISIT} for ${reason}` : UNNAMED_VISIT)
  );
}
