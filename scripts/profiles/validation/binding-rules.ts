import { deepIncludes } from '@medplum/core';
import type { ElementDefinition, StructureDefinition } from 'fhir/r4';
import type { Expansion, Terminology } from './terminology';
import { codingKey } from './terminology';

/**
 * Required bindings, checked here because @medplum/core validates structure but not bindings.
 * A StructureDefinition's snapshot is compiled once into rules (where to look, what is allowed);
 * checking a resource is then a walk over plain JSON.
 */

const CODED_TYPES = ['code', 'Coding', 'CodeableConcept'] as const;
type CodedType = (typeof CODED_TYPES)[number];
const isCodedType = (code: string): code is CodedType => (CODED_TYPES as readonly string[]).includes(code);

/** Complex datatypes whose own required bindings (Identifier.use, Narrative.status…) are worth a walk. */
const NOT_DESCENDED = new Set(['Element', 'BackboneElement', 'Extension', 'Reference', 'Resource', 'Meta']);
const MAX_DATATYPE_DEPTH = 3;

type Matcher = (item: unknown) => boolean;

interface Step {
  readonly key: string;
  readonly matches?: Matcher;
}

export interface BindingRule {
  readonly steps: readonly Step[];
  readonly type: CodedType;
  readonly valueSet: string;
  readonly expansion: Expansion;
}

export interface BindingIssue {
  readonly path: string;
  readonly message: string;
}

export type DatatypeLookup = (type: string) => StructureDefinition | undefined;

/** Which bindings become rules; the validator enforces required ones only. */
export type BindingFilter = (binding: NonNullable<ElementDefinition['binding']>) => boolean;

export const requiredOnly: BindingFilter = (binding) => binding.strength === 'required';

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function fixedOrPattern(element: ElementDefinition | undefined): unknown {
  if (!element) {
    return undefined;
  }
  const entry = Object.entries(element).find(([key]) => key.startsWith('pattern') || key.startsWith('fixed'));
  return entry?.[1];
}

function propertyAt(item: unknown, path: string): unknown {
  if (path === '$this') {
    return item;
  }
  return typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[path] : undefined;
}

/** Builds a matcher for `id` (`…:sliceName`) from its slicing's pattern/value discriminators. */
function sliceMatcher(byId: ReadonlyMap<string, ElementDefinition>, sliceId: string): Matcher | undefined {
  const slicingId = sliceId.slice(0, sliceId.lastIndexOf(':'));
  const discriminators = byId.get(slicingId)?.slicing?.discriminator ?? [];
  const checks: Matcher[] = [];
  for (const discriminator of discriminators) {
    if (discriminator.type !== 'pattern' && discriminator.type !== 'value') {
      return undefined;
    }
    const path = discriminator.path;
    const expected = fixedOrPattern(path === '$this' ? byId.get(sliceId) : byId.get(`${sliceId}.${path}`));
    if (expected === undefined || path.includes('.')) {
      return undefined;
    }
    checks.push((item) => {
      const actual = propertyAt(item, path);
      return Array.isArray(actual)
        ? actual.some((a) => deepIncludes(a, expected))
        : deepIncludes(actual, expected);
    });
  }
  return checks.length > 0 ? (item) => checks.every((check) => check(item)) : undefined;
}

function stepsFor(
  byId: ReadonlyMap<string, ElementDefinition>,
  id: string,
  choiceType: string,
): Step[] | undefined {
  const segments = id.split('.').slice(1);
  const steps: Step[] = [];
  let prefix = id.split('.')[0] ?? '';
  for (const segment of segments) {
    prefix = `${prefix}.${segment}`;
    const [name = '', slice] = segment.split(':');
    const key = name.endsWith('[x]') ? `${name.slice(0, -3)}${capitalize(choiceType)}` : name;
    if (slice === undefined) {
      steps.push({ key });
      continue;
    }
    const matches = sliceMatcher(byId, prefix);
    if (!matches) {
      return undefined;
    }
    steps.push({ key, matches });
  }
  return steps;
}

/**
 * Compiles the (required) bindings of a snapshot (and, through complex datatypes, of their elements).
 * Extension slices are skipped: extensions are checked against their own definitions.
 */
export function compileBindingRules(
  sd: StructureDefinition,
  terminology: Terminology,
  datatype: DatatypeLookup,
  filter: BindingFilter = requiredOnly,
  depth = 0,
): BindingRule[] {
  const elements = sd.snapshot?.element ?? [];
  const byId = new Map(elements.map((e) => [e.id ?? e.path, e]));
  const rules: BindingRule[] = [];
  for (const element of elements) {
    const id = element.id ?? element.path;
    if (/(^|\.)(modifierExtension|extension)(:|\.|$)/.test(id) || !id.includes('.')) {
      continue;
    }
    for (const type of element.type ?? []) {
      const steps = stepsFor(byId, id, type.code);
      if (!steps) {
        continue;
      }
      if (isCodedType(type.code)) {
        const binding = element.binding;
        const expansion =
          binding?.valueSet && filter(binding) ? terminology.expand(binding.valueSet) : undefined;
        if (binding?.valueSet && expansion) {
          rules.push({ steps, type: type.code, valueSet: binding.valueSet, expansion });
        }
      }
      const typeSd = NOT_DESCENDED.has(type.code) ? undefined : datatype(type.code);
      if (typeSd?.kind === 'complex-type' && depth < MAX_DATATYPE_DEPTH) {
        for (const inner of compileBindingRules(typeSd, terminology, datatype, filter, depth + 1)) {
          rules.push({ ...inner, steps: [...steps, ...inner.steps] });
        }
      }
    }
  }
  return rules;
}

interface Located {
  readonly value: unknown;
  readonly path: string;
}

function walk(start: Located, steps: readonly Step[]): Located[] {
  let current: Located[] = [start];
  for (const step of steps) {
    const next: Located[] = [];
    for (const { value, path } of current) {
      const child = propertyAt(value, step.key);
      if (child === undefined || child === null) {
        continue;
      }
      const items: Located[] = Array.isArray(child)
        ? child.map((item: unknown, i) => ({ value: item, path: `${path}.${step.key}[${i}]` }))
        : [{ value: child, path: `${path}.${step.key}` }];
      next.push(...items.filter((item) => !step.matches || step.matches(item.value)));
    }
    current = next;
  }
  return current;
}

interface CodingLike {
  readonly system?: unknown;
  readonly code?: unknown;
}

const asCoding = (value: unknown): CodingLike => (typeof value === 'object' && value !== null ? value : {});

function describe(coding: CodingLike): string {
  return `${typeof coding.system === 'string' ? coding.system : '(no system)'}#${typeof coding.code === 'string' ? coding.code : '(no code)'}`;
}

function inExpansion(coding: CodingLike, expansion: Expansion): boolean {
  return (
    typeof coding.code === 'string' &&
    typeof coding.system === 'string' &&
    expansion.codings.has(codingKey(coding.system, coding.code))
  );
}

function violation(rule: BindingRule, value: unknown): string | undefined {
  switch (rule.type) {
    case 'code':
      return typeof value === 'string' && rule.expansion.codes.has(value)
        ? undefined
        : `code "${String(value)}"`;
    case 'Coding':
      return inExpansion(asCoding(value), rule.expansion) ? undefined : describe(asCoding(value));
    case 'CodeableConcept': {
      const codings = (value as { coding?: unknown }).coding;
      const list: unknown[] = Array.isArray(codings) ? codings : [];
      return list.some((c) => inExpansion(asCoding(c), rule.expansion))
        ? undefined
        : list.map((c) => describe(asCoding(c))).join(', ') || 'no coding';
    }
  }
}

export function checkBindings(
  root: unknown,
  rootPath: string,
  rules: readonly BindingRule[],
): BindingIssue[] {
  const issues: BindingIssue[] = [];
  for (const rule of rules) {
    for (const { value, path } of walk({ value: root, path: rootPath }, rule.steps)) {
      const found = violation(rule, value);
      if (found !== undefined) {
        issues.push({
          path,
          message: `${found} is not in the required value set ${rule.valueSet}`,
        });
      }
    }
  }
  return issues;
}
