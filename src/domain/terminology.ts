import type { CodeSystem, Coding, CodeableConcept, ValueSet } from 'fhir/r4';

/** A `system|code` key, so codings compare by value in Sets. */
export type CodingKey = `${string}|${string}`;

export function codingKey(system: string, code: string): CodingKey {
  return `${system}|${code}`;
}

/**
 * Expands a ValueSet's compose against the CodeSystems we ship. Only what our own ValueSets use is
 * supported: whole code systems and enumerated concepts; filters are not.
 */
export function expandValueSet(valueSet: ValueSet, codeSystems: readonly CodeSystem[]): Set<CodingKey> {
  const keys = new Set<CodingKey>();
  for (const include of valueSet.compose?.include ?? []) {
    const system = include.system;
    if (!system) {
      continue;
    }
    const concepts = include.concept ?? codeSystems.find((cs) => cs.url === system)?.concept ?? [];
    for (const concept of concepts) {
      keys.add(codingKey(system, concept.code));
    }
  }
  return keys;
}

/** The codings of a concept that belong to the set; tolerant of codings without system or code. */
export function codingsIn(concept: CodeableConcept | undefined, keys: ReadonlySet<CodingKey>): Coding[] {
  return (concept?.coding ?? []).filter(
    (coding) =>
      coding.system !== undefined &&
      coding.code !== undefined &&
      keys.has(codingKey(coding.system, coding.code)),
  );
}
