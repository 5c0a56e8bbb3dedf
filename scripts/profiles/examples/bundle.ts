import type { Bundle, BundleEntry, FhirResource, Identifier, Reference } from 'fhir/r4';
import type { ExampleRefs } from './context';
import { RESOURCE_KEY_SYSTEM } from './context';
import { peerSupportEncounter } from './encounter';
import { activity, followUp, goalProgress, note, recoveryCheckIn, response } from './observations';
import { peerProvenance } from './provenance';
import { followUpTask, newGoal } from './task-and-goal';

/** Fixed urn:uuids, so the example is stable; the app takes them from context.newUuid(). */
const uuid = (n: number): string => `urn:uuid:7c1e4a2b-9d3f-4e6a-8b5c-${n.toString().padStart(12, '0')}`;

function keyOf(resource: FhirResource): string {
  const identifier: Identifier[] =
    'identifier' in resource && Array.isArray(resource.identifier) ? resource.identifier : [];
  const key = identifier.find((i) => i.system === RESOURCE_KEY_SYSTEM)?.value;
  if (key) {
    return `identifier=${RESOURCE_KEY_SYSTEM}|${key}`;
  }
  const tag = resource.meta?.tag?.find((t) => t.system === RESOURCE_KEY_SYSTEM)?.code;
  if (tag) {
    return `_tag=${RESOURCE_KEY_SYSTEM}|${tag}`;
  }
  throw new Error(`${resource.resourceType} example has no resource key.`);
}

function entry(fullUrl: string, resource: FhirResource): BundleEntry {
  return {
    fullUrl,
    resource,
    request: { method: 'POST', url: resource.resourceType, ifNoneExist: keyOf(resource) },
  };
}

/**
 * One save of an individual contact, in the order of docs/fhir-model.md: new Goal, Encounter, its
 * Observations, the follow-up Task, and the Provenance targeting all of them.
 */
export function peerEncounterTransaction(): Bundle {
  const refs: ExampleRefs = {
    newGoal: { reference: uuid(1) },
    encounter: { reference: uuid(2) },
  };
  const resources: [string, FhirResource][] = [
    [uuid(1), newGoal()],
    [uuid(2), peerSupportEncounter()],
    [uuid(3), activity(refs, 'community-connection')],
    [uuid(4), activity(refs, 'recovery-planning')],
    [uuid(5), goalProgress(refs, 'existing')],
    [uuid(6), goalProgress(refs, 'new')],
    [uuid(7), response(refs)],
    [uuid(8), note(refs, 'narrative')],
    [uuid(9), note(refs, 'next-steps')],
    [uuid(10), recoveryCheckIn(refs)],
    [uuid(11), followUp(refs)],
    [uuid(12), followUpTask(refs.encounter)],
  ];
  const targets: Reference[] = resources.map(([fullUrl]) => ({ reference: fullUrl }));
  const provenance = peerProvenance(targets);
  return {
    resourceType: 'Bundle',
    id: `peer-encounter-transaction`,
    type: 'transaction',
    entry: [...resources.map(([fullUrl, resource]) => entry(fullUrl, resource)), entry(uuid(13), provenance)],
  };
}
