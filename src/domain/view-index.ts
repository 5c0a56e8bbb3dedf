/** One pass over a server's resources: who refers to which Encounter, and how. */
import type {
  Coding,
  Encounter,
  FhirResource,
  Observation,
  Provenance,
  QuestionnaireResponse,
  Task,
} from 'fhir/r4';
import { CATEGORY } from './codes';
import { codingsOf, referenceString } from './fhir-read';
import { arrayOf, textOf } from './guards';
import { referenceKey, referenceToId } from './references';

export interface Item {
  readonly fullUrl?: string;
  readonly resource: FhirResource;
}

function push<T>(map: Map<string, T[]>, key: string | undefined, value: T): void {
  if (key === undefined) {
    return;
  }
  const list = map.get(key);
  if (list) {
    list.push(value);
  } else {
    map.set(key, [value]);
  }
}

function hasCoding(concepts: unknown, coding: Coding): boolean {
  return arrayOf(Array.isArray(concepts) ? (concepts as unknown[]) : undefined).some((concept) =>
    codingsOf(concept).some((c) => c.code === coding.code && c.system === coding.system),
  );
}

export function isPeerEncounter(encounter: Encounter): boolean {
  return hasCoding(encounter.type, CATEGORY.peerSupportService);
}

export interface Index {
  readonly peer: Item[];
  readonly byRef: Map<string, FhirResource>;
  readonly observations: Map<string, Observation[]>;
  readonly responses: Map<string, QuestionnaireResponse[]>;
  readonly tasks: Map<string, Task[]>;
  readonly provenances: Map<string, Provenance[]>;
}

export function refsOf(item: Item): string[] {
  const refs: string[] = [];
  const fromUrl = referenceKey(item.fullUrl);
  if (fromUrl) {
    refs.push(fromUrl);
  }
  const id = textOf(item.resource.id);
  if (id) {
    const own = referenceToId(item.resource.resourceType, id);
    if (own !== fromUrl) {
      refs.push(own);
    }
  }
  return refs;
}

export function buildIndex(items: readonly Item[]): Index {
  const index: Index = {
    peer: [],
    byRef: new Map(),
    observations: new Map(),
    responses: new Map(),
    tasks: new Map(),
    provenances: new Map(),
  };
  for (const item of items) {
    const resource = item.resource;
    for (const ref of refsOf(item)) {
      index.byRef.set(ref, resource);
    }
    if (resource.resourceType === 'Encounter') {
      if (isPeerEncounter(resource)) {
        index.peer.push(item);
      }
    } else if (resource.resourceType === 'Observation') {
      push(index.observations, referenceKey(referenceString(resource.encounter)), resource);
    } else if (resource.resourceType === 'QuestionnaireResponse') {
      push(index.responses, referenceKey(referenceString(resource.encounter)), resource);
    } else if (resource.resourceType === 'Task') {
      push(index.tasks, referenceKey(referenceString(resource.focus)), resource);
    } else if (resource.resourceType === 'Provenance') {
      for (const target of arrayOf(resource.target)) {
        push(index.provenances, referenceKey(referenceString(target)), resource);
      }
    }
  }
  return index;
}
