import type {
  CodeableConcept,
  ElementDefinition,
  ElementDefinitionConstraint,
  StructureDefinition,
} from 'fhir/r4';
import { HL7, PACKAGE_VERSION, profileUrl } from './canonical';

/**
 * Compact builders for differentials. A differential written out in JSON is mostly repetition
 * (id and path, type lists, slicing boilerplate); these keep each profile readable on one screen
 * while producing exactly the ElementDefinitions a FHIR tool expects.
 */

type ElementProps = Omit<ElementDefinition, 'id' | 'path'>;

/** `Encounter.type:billing.extension` → path `Encounter.type.extension` (slice names are not paths). */
export function pathOf(id: string): string {
  return id
    .split('.')
    .map((part) => part.split(':')[0])
    .join('.');
}

export function el(id: string, props: ElementProps = {}): ElementDefinition {
  return { id, path: pathOf(id), ...props };
}

export function mustSupport(id: string, props: ElementProps = {}): ElementDefinition {
  return el(id, { ...props, mustSupport: true });
}

export function ref(...targets: string[]): NonNullable<ElementDefinition['type']> {
  return [{ code: 'Reference', targetProfile: targets.map((target) => HL7.core(target)) }];
}

export function required(valueSet: string, description: string): ElementDefinition['binding'] {
  return { strength: 'required', valueSet, description };
}

export function invariant(key: string, human: string, expression: string): ElementDefinitionConstraint {
  return { key, severity: 'error', human, expression };
}

/** Slicing by fixed pattern on the element itself: the only way @medplum/core accepts a pattern on a repeating element. */
export function slicedByPattern(id: string, props: ElementProps = {}, path = '$this'): ElementDefinition {
  return mustSupport(id, {
    ...props,
    slicing: { discriminator: [{ type: 'pattern', path }], rules: 'open' },
  });
}

export function slicedByUrl(id: string): ElementDefinition {
  return el(id, { slicing: { discriminator: [{ type: 'value', path: 'url' }], rules: 'open' } });
}

export function codingPattern(system: string, code: string): CodeableConcept {
  return { coding: [{ system, code }] };
}

/**
 * An extension slice, plus its url fixed again on the slice: the extension's own definition already
 * fixes it, but @medplum/core matches `url` discriminators only against the slice's own children.
 */
export function extensionSlice(
  id: string,
  extensionId: string,
  min: number,
  short: string,
  max = '1',
): ElementDefinition[] {
  const sliceName = id.slice(id.lastIndexOf(':') + 1);
  return [
    mustSupport(id, {
      sliceName,
      short,
      min,
      max,
      type: [{ code: 'Extension', profile: [profileUrl(extensionId)] }],
    }),
    el(`${id}.url`, { fixedUri: profileUrl(extensionId) }),
  ];
}

interface ProfileSpec {
  readonly id: string;
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly type: string;
  readonly kind: StructureDefinition['kind'];
  readonly context?: StructureDefinition['context'];
  readonly elements: readonly ElementDefinition[];
}

export function profile(spec: ProfileSpec): StructureDefinition {
  return {
    resourceType: 'StructureDefinition',
    id: spec.id,
    url: profileUrl(spec.id),
    version: PACKAGE_VERSION,
    name: spec.name,
    title: spec.title,
    status: 'draft',
    experimental: false,
    publisher: 'PeerBridge',
    description: spec.description,
    fhirVersion: '4.0.1',
    kind: spec.kind,
    abstract: false,
    ...(spec.context ? { context: spec.context } : {}),
    type: spec.type,
    baseDefinition: HL7.core(spec.type),
    derivation: 'constraint',
    differential: { element: [...spec.elements] },
  };
}
