/**
 * How codes.ts and its siblings read a coding out of fhir-profiles: `codingOf` throws while a module
 * loads when a code is missing, so a typo (or a code renamed in fhir-profiles/) fails every test.
 */
import type { CodeSystem, Coding, ValueSet } from 'fhir/r4';
import { CODE_SYSTEMS } from './fhir-profiles';
import { conceptsOf, MissingCodeError, type Concept } from './terminology';

/** A coding read from fhir-profiles: system, code and display are always there. */
export type KnownCoding = Readonly<Required<Pick<Coding, 'system' | 'code' | 'display'>>>;

const lookups = new Map<CodeSystem | ValueSet, ReadonlyMap<string, Concept>>();

/** The concepts of a CodeSystem or ValueSet of fhir-profiles, for the UI's lists. */
export function conceptList(source: CodeSystem | ValueSet): readonly Concept[] {
  return conceptsOf(source, CODE_SYSTEMS);
}

/** The coding of `code` in `source`; throws MissingCodeError when fhir-profiles does not have it. */
export function codingOf(source: CodeSystem | ValueSet, code: string): KnownCoding {
  let lookup = lookups.get(source);
  if (!lookup) {
    lookup = new Map(conceptList(source).map((c) => [c.code, c]));
    lookups.set(source, lookup);
  }
  const concept = lookup.get(code);
  if (!concept) {
    throw new MissingCodeError(source.url ?? source.resourceType, code);
  }
  return Object.freeze({ system: concept.system, code: concept.code, display: concept.display });
}
