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

/** One code of a CodeSystem or ValueSet, with what the UI shows for it. */
export interface Concept {
  readonly system: string;
  readonly code: string;
  readonly display: string;
  readonly definition?: string;
}

/** A code that the app needs is not in the fhir-profiles package: a typo or a renamed code. */
export class MissingCodeError extends Error {
  constructor(
    readonly source: string,
    readonly code: string,
  ) {
    super(
      `Code "${code}" is not in ${source}. Add it to the JSON in fhir-profiles/ or fix the code in src/domain/codes-*.ts.`,
    );
    this.name = 'MissingCodeError';
  }
}

function codeSystemConcepts(codeSystem: CodeSystem): Concept[] {
  const system = codeSystem.url ?? '';
  return (codeSystem.concept ?? []).map((c) => ({
    system,
    code: c.code,
    display: c.display ?? c.code,
    ...(c.definition ? { definition: c.definition } : {}),
  }));
}

/**
 * The concepts of a CodeSystem, or of a ValueSet's compose (whole code systems are resolved against
 * the CodeSystems we ship; displays and definitions missing from a ValueSet come from them too).
 */
export function conceptsOf(source: CodeSystem | ValueSet, codeSystems: readonly CodeSystem[]): Concept[] {
  if (source.resourceType === 'CodeSystem') {
    return codeSystemConcepts(source);
  }
  const concepts: Concept[] = [];
  for (const include of source.compose?.include ?? []) {
    const system = include.system;
    if (!system) {
      continue;
    }
    const codeSystem = codeSystems.find((cs) => cs.url === system);
    const known = codeSystem ? codeSystemConcepts(codeSystem) : [];
    if (!include.concept) {
      concepts.push(...known);
      continue;
    }
    for (const c of include.concept) {
      const fromSystem = known.find((k) => k.code === c.code);
      const definition = fromSystem?.definition;
      concepts.push({
        system,
        code: c.code,
        display: c.display ?? fromSystem?.display ?? c.code,
        ...(definition ? { definition } : {}),
      });
    }
  }
  return concepts;
}

/**
 * A lookup from code to coding over one list, built once. An unknown code still gives a coding in
 * the list's system (without display) so a mapper never throws; validateDraft reports it instead.
 */
export function codingIndex(concepts: readonly Concept[]): (code: string) => Coding {
  const byCode = new Map<string, Coding>();
  for (const c of concepts) {
    byCode.set(c.code, Object.freeze({ system: c.system, code: c.code, display: c.display }));
  }
  const system = concepts[0]?.system;
  return (code) => byCode.get(code) ?? (system ? { system, code } : { code });
}
