/**
 * Idempotency keys: every resource a save writes carries `identifier` = RESOURCE_KEY_SYSTEM | key,
 * with a key derived from the draft, and is created with `ifNoneExist` on that identifier, so a
 * retried save finds what the first one wrote. Keys only contain ids that validateDraft checks
 * (UUIDs, FHIR ids, codes), so they need no escaping in a search string.
 */
import type { Coding, FhirResource, Identifier } from 'fhir/r4';
import { RESOURCE_KEY_SYSTEM } from './codes';
import { isRecord } from './guards';
import type { DraftGoalRef } from './peer-encounter-draft';
import { queryString } from './search-query';

export const resourceKey = {
  groupSession: (groupSessionId: string): string => `${groupSessionId}:group-session`,
  goal: (draftId: string, goalKey: string): string => `${draftId}:goal:${goalKey}`,
  encounter: (draftId: string): string => `${draftId}:encounter`,
  activity: (draftId: string, code: string): string => `${draftId}:activity:${code}`,
  // A FHIR id has no colon, so `new:<key>` can never be the id of an existing Goal.
  goalProgress: (draftId: string, goal: DraftGoalRef): string =>
    `${draftId}:goal-progress:${goal.kind === 'existing' ? goal.id : `new:${goal.key}`}`,
  response: (draftId: string): string => `${draftId}:response`,
  narrative: (draftId: string): string => `${draftId}:narrative`,
  nextSteps: (draftId: string): string => `${draftId}:next-steps`,
  followUp: (draftId: string): string => `${draftId}:follow-up`,
  measure: (draftId: string, code: string): string => `${draftId}:measure:${code}`,
  /** The QuestionnaireResponse of an instrument answered item by item (its total is a `measure`). */
  questionnaireResponse: (draftId: string, instrument: string): string =>
    `${draftId}:questionnaire-response:${instrument}`,
  task: (draftId: string): string => `${draftId}:task`,
  provenance: (draftId: string, revision: number): string => `${draftId}:provenance:${revision}`,
  /** The clinical note (DocumentReference) of one revision: an amendment is a new note that replaces it. */
  /** The follow-up request sent as a message where Task is not creatable. */
  followUpMessage: (draftId: string): string => `${draftId}:follow-up-message`,
  clinicalNote: (draftId: string, revision: number): string => `${draftId}:note:${revision}`,
} as const;

const ENCOUNTER_SUFFIX = resourceKey.encounter('');
const GROUP_SESSION_SUFFIX = resourceKey.groupSession('');
const GOAL_INFIX = resourceKey.goal('', '');
const PROVENANCE_INFIX = resourceKey.provenance('', 0).slice(0, -1);

export function keyIdentifier(key: string): Identifier {
  return { system: RESOURCE_KEY_SYSTEM, value: key };
}

/** The conditional-create search for a key: `identifier=<system>|<key>`, the value encoded. */
export function ifNoneExistFor(key: string): string {
  return queryString([['identifier', `${RESOURCE_KEY_SYSTEM}|${key}`]]);
}

/**
 * R4 Provenance has no `identifier`: its key rides in `meta.tag` (same system, key as code) and its
 * conditional create searches `_tag`, which every FHIR server supports for every resource type.
 */
export function keyTag(key: string): Coding {
  return { system: RESOURCE_KEY_SYSTEM, code: key };
}

export function ifNoneExistForTag(key: string): string {
  return queryString([['_tag', `${RESOURCE_KEY_SYSTEM}|${key}`]]);
}

export function resourceKeyOfTags(tags: unknown): string | undefined {
  if (!Array.isArray(tags)) {
    return undefined;
  }
  for (const tag of tags as unknown[]) {
    if (isRecord(tag) && tag.system === RESOURCE_KEY_SYSTEM && typeof tag.code === 'string') {
      return tag.code;
    }
  }
  return undefined;
}

/** Our resource key among a resource's identifiers, if any. Total over server data. */
export function resourceKeyOf(identifiers: unknown): string | undefined {
  if (!Array.isArray(identifiers)) {
    return undefined;
  }
  for (const identifier of identifiers as unknown[]) {
    if (
      isRecord(identifier) &&
      identifier.system === RESOURCE_KEY_SYSTEM &&
      typeof identifier.value === 'string'
    ) {
      return identifier.value;
    }
  }
  return undefined;
}

function prefixBefore(key: string | undefined, suffix: string): string | undefined {
  return key?.endsWith(suffix) ? key.slice(0, -suffix.length) : undefined;
}

/** The draft id of an Encounter key `<draft id>:encounter`. */
export function draftIdOfEncounterKey(key: string | undefined): string | undefined {
  return prefixBefore(key, ENCOUNTER_SUFFIX);
}

export function groupSessionIdOfKey(key: string | undefined): string | undefined {
  return prefixBefore(key, GROUP_SESSION_SUFFIX);
}

/** The new-goal key of `<draft id>:goal:<key>` when it belongs to the draft. */
export function goalKeyOf(key: string | undefined, draftId: string): string | undefined {
  const prefix = `${draftId}${GOAL_INFIX}`;
  return key?.startsWith(prefix) ? key.slice(prefix.length) : undefined;
}

/** The revision of a Provenance key `<draft id>:provenance:<n>`, when it is one. */
export function provenanceRevisionOf(key: string | undefined): number | undefined {
  const at = key?.lastIndexOf(PROVENANCE_INFIX) ?? -1;
  if (!key || at < 0) {
    return undefined;
  }
  const revision = Number(key.slice(at + PROVENANCE_INFIX.length));
  return Number.isInteger(revision) && revision > 0 ? revision : undefined;
}

/** The key of any resource PeerBridge wrote: `identifier`, or `meta.tag` for a Provenance. */
export function keyOfResource(resource: FhirResource): string | undefined {
  if (resource.resourceType === 'Provenance') {
    return resourceKeyOfTags(resource.meta?.tag);
  }
  if (resource.resourceType === 'QuestionnaireResponse') {
    // R4 QuestionnaireResponse.identifier is one Identifier, not a list.
    return resourceKeyOf(resource.identifier ? [resource.identifier] : undefined);
  }
  return 'identifier' in resource ? resourceKeyOf(resource.identifier) : undefined;
}
