/**
 * The search parameters the in-browser fake FHIR server understands: exactly those PeerBridge
 * sends (https://hl7.org/fhir/R4/search.html), each mapped to the element it searches. Anything else
 * is refused with 400, as a real server does, rather than silently ignored.
 */
import type { FhirResource } from 'fhir/r4';
import { isRecord } from '../../src/domain/guards';

export type ParamKind = 'reference' | 'token' | 'date' | 'id';

export interface SearchParam {
  readonly kind: ParamKind;
  /** Dot-separated element path; arrays are flattened at every step. */
  readonly path: string;
}

const reference = (path: string): SearchParam => ({ kind: 'reference', path });
const token = (path: string): SearchParam => ({ kind: 'token', path });
const date = (path: string): SearchParam => ({ kind: 'date', path });

const COMMON: Readonly<Record<string, SearchParam>> = {
  _id: { kind: 'id', path: 'id' },
  identifier: token('identifier'),
  _tag: token('meta.tag'),
};

const BY_TYPE: Readonly<Record<string, Readonly<Record<string, SearchParam>>>> = {
  Condition: { patient: reference('subject'), 'clinical-status': token('clinicalStatus') },
  Goal: { patient: reference('subject') },
  CareTeam: {
    patient: reference('subject'),
    status: token('status'),
    participant: reference('participant.member'),
  },
  Encounter: {
    patient: reference('subject'),
    type: token('type'),
    date: date('period.start'),
    participant: reference('participant.individual'),
  },
  Task: {
    patient: reference('for'),
    code: token('code'),
    status: token('status'),
    focus: reference('focus'),
    'authored-on': date('authoredOn'),
  },
  PractitionerRole: { practitioner: reference('practitioner') },
  Observation: {
    patient: reference('subject'),
    encounter: reference('encounter'),
    focus: reference('focus'),
  },
  QuestionnaireResponse: { patient: reference('subject'), encounter: reference('encounter') },
  Provenance: { target: reference('target'), patient: reference('patient') },
  DocumentReference: {
    patient: reference('subject'),
    encounter: reference('context.encounter'),
    date: date('date'),
  },
};

/** Types the app reads or writes that the fake holds but searches by the common parameters only. */
const OTHER_TYPES = ['Patient', 'Practitioner', 'RelatedPerson', 'Organization', 'Communication'];

/** Every type the fake lists in its /metadata, with the search parameters it answers. */
export function searchableTypes(): { type: string; params: string[] }[] {
  return [...Object.keys(BY_TYPE), ...OTHER_TYPES].map((type) => ({
    type,
    params: [...Object.keys(COMMON), ...Object.keys(BY_TYPE[type] ?? {})],
  }));
}

export function findSearchParam(resourceType: string, name: string): SearchParam | undefined {
  return BY_TYPE[resourceType]?.[name] ?? COMMON[name];
}

/** Every value at `path` in the resource, arrays flattened. */
export function valuesAt(resource: FhirResource, path: string): unknown[] {
  let current: unknown[] = [resource];
  for (const step of path.split('.')) {
    current = current.flatMap((value) => {
      const next = isRecord(value) ? value[step] : undefined;
      if (next === undefined) {
        return [];
      }
      return Array.isArray(next) ? (next as unknown[]) : [next];
    });
  }
  return current;
}

/** `Patient/1`, `https://x/fhir/Patient/1/_history/2` and `1` all name `Patient/1` for a search. */
export function relativeReference(reference: string): string {
  const withoutHistory = reference.replace(/\/_history\/[^/]+$/, '');
  const match = /([A-Z][A-Za-z]+\/[^/]+)$/.exec(withoutHistory);
  return match?.[1] ?? withoutHistory;
}

function tokensOf(value: unknown): { system?: string; code: string }[] {
  if (typeof value === 'string') {
    return [{ code: value }];
  }
  if (!isRecord(value)) {
    return [];
  }
  if (Array.isArray(value.coding)) {
    return (value.coding as unknown[]).flatMap(tokensOf);
  }
  const code = typeof value.code === 'string' ? value.code : value.value;
  if (typeof code !== 'string') {
    return [];
  }
  return [{ ...(typeof value.system === 'string' ? { system: value.system } : {}), code }];
}

/** Whether the resource matches one search value (comma-separated alternatives: any of them). */
export function matches(resource: FhirResource, param: SearchParam, value: string): boolean {
  return value.split(',').some((alternative) => matchesOne(resource, param, alternative));
}

function matchesOne(resource: FhirResource, param: SearchParam, value: string): boolean {
  const found = valuesAt(resource, param.path);
  switch (param.kind) {
    case 'id':
      return resource.id === value;
    case 'reference':
      return found.some(
        (item) =>
          isRecord(item) &&
          typeof item.reference === 'string' &&
          (relativeReference(item.reference) === relativeReference(value) ||
            relativeReference(item.reference).endsWith(`/${value}`)),
      );
    case 'token': {
      const [system, code] = value.includes('|') ? value.split('|', 2) : [undefined, value];
      return found
        .flatMap(tokensOf)
        .some((t) => t.code === code && (system === undefined || system === '' || t.system === system));
    }
    case 'date':
      return found.some((item) => typeof item === 'string' && matchesDate(item, value));
  }
}

/**
 * A date value with its prefix (https://hl7.org/fhir/R4/search.html#prefix): the stored date cut to
 * the precision of the value searched for, compared as text (ISO dates sort as text).
 */
function matchesDate(stored: string, value: string): boolean {
  const [, prefix = 'eq', date = ''] = /^(eq|ne|gt|lt|ge|le)?(.*)$/.exec(value) ?? [];
  const cut = stored.slice(0, date.length);
  switch (prefix) {
    case 'gt':
      return cut > date;
    case 'lt':
      return cut < date;
    case 'ge':
      return cut >= date;
    case 'le':
      return cut <= date;
    case 'ne':
      return cut !== date;
    default:
      return cut === date;
  }
}

/** The value a `_sort` on this parameter orders by: the earliest date at its path, or ''. */
export function sortKey(resource: FhirResource, param: SearchParam): string {
  const found = valuesAt(resource, param.path).filter((v): v is string => typeof v === 'string');
  return found.sort()[0] ?? '';
}
