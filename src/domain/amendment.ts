/**
 * Changing a saved peer note: an amendment (or a later save of a saved draft) rewrites the same
 * resources with `PUT` + `If-Match` on the version read, so a concurrent change is refused rather
 * than lost; entered-in-error marks them as a mistake. Each adds a Provenance (UPDATE or NULLIFY).
 */
import type { Bundle, BundleEntry, FhirResource, Observation, QuestionnaireResponse, Task } from 'fhir/r4';
import { PROVENANCE_CODE } from './codes';
import { planDraftResources, type PlannedResource } from './draft-resources';
import { conditionalCreate } from './draft-to-transaction';
import { mappingContext, type Statuses, type TransactionContext } from './mapping-context';
import type { PeerEncounterDraft } from './peer-encounter-draft';
import type { PeerEncounterView, ResourceVersion } from './peer-encounter-view';
import { buildProvenance } from './request-resources';
import { groupSessionIdOfKey, resourceKey } from './resource-keys';
import { referenceTo } from './references';

/** What the server holds of a resource PeerBridge wrote (from PeerEncounterView.versions). */
export type PreviousVersion = Omit<ResourceVersion, 'resource'> & { readonly resource?: FhirResource };

/** Thrown when a note has nothing on the server to change (it was never saved, or not read back). */
export class NothingToUpdateError extends Error {
  constructor() {
    super('This note has not been saved to the record yet, so there is nothing to change. Save it first.');
    this.name = 'NothingToUpdateError';
  }
}

function update(version: PreviousVersion, resource: FhirResource, context: TransactionContext): BundleEntry {
  const url = referenceTo(version);
  const request: BundleEntry['request'] = { method: 'PUT', url };
  if (version.versionId) {
    request.ifMatch = `W/"${version.versionId}"`;
  }
  const entry: BundleEntry = { resource: { ...resource, id: version.id }, request };
  if (context.serverBase) {
    entry.fullUrl = `${context.serverBase.replace(/\/+$/, '')}/${url}`;
  }
  return entry;
}

function withStatus(resource: FhirResource): FhirResource | undefined {
  if (
    resource.resourceType === 'Encounter' ||
    resource.resourceType === 'Observation' ||
    resource.resourceType === 'QuestionnaireResponse'
  ) {
    return { ...resource, status: 'entered-in-error' };
  }
  return resource.resourceType === 'Task' ? { ...resource, status: 'cancelled' } : undefined;
}

function isSharedKey(key: string): boolean {
  return groupSessionIdOfKey(key) !== undefined || key.includes(resourceKey.goal('', ''));
}

/**
 * The transaction that writes the changed `source` over what the server holds. Resources that are
 * new in this version are conditional creates; Observations dropped from the draft are marked
 * entered-in-error when their previous content is known. The group session and the person's goals
 * are referenced, never overwritten: they are shared with other notes and people.
 */
export function amendTransaction(
  source: PeerEncounterDraft | PeerEncounterView,
  previous: readonly PreviousVersion[] | undefined,
  reason: string,
  context: TransactionContext,
): Bundle {
  const isView = 'draft' in source && 'versions' in source;
  const draft = isView ? source.draft : source;
  const versions = previous ?? (isView ? source.versions : []);
  const byKey = new Map(versions.map((v) => [v.key, v]));
  const previousEncounter = byKey.get(resourceKey.encounter(draft.id))?.resource;
  const wasFinal =
    previousEncounter?.resourceType === 'Encounter' ? previousEncounter.status === 'finished' : true;
  const statuses: Statuses =
    draft.status === 'final'
      ? { encounter: 'finished', observation: wasFinal ? 'amended' : 'final' }
      : { encounter: 'in-progress', observation: 'preliminary' };
  const m = mappingContext(draft, context, statuses);
  const planned = planDraftResources(m, (key, type) => {
    const version = byKey.get(key);
    return version?.resourceType === type ? `${type}/${version.id}` : `urn:uuid:${context.newUuid()}`;
  });
  const entry: BundleEntry[] = [];
  const written = new Set<string>();
  for (const p of planned) {
    written.add(p.key);
    const version = byKey.get(p.key);
    if (!version) {
      entry.push(conditionalCreate(p.ref, p.key, asNew(p, draft)));
    } else if (!p.shared) {
      entry.push(update(version, keepTaskStatus(p.resource, version.resource), context));
    }
  }
  for (const version of versions) {
    const dropped = version.resource && !written.has(version.key) ? withStatus(version.resource) : undefined;
    if (dropped && version.key.startsWith(`${draft.id}:`) && !isSharedKey(version.key)) {
      entry.push(update(version, dropped, context));
    }
  }
  const revision = context.revision ?? (isView ? source.nextRevision : 2);
  const key = resourceKey.provenance(draft.id, revision);
  const targets = entry.map((e) => e.fullUrl ?? e.request?.url ?? '');
  const provenance = buildProvenance(m, key, targets, PROVENANCE_CODE.update, reason.trim() || undefined);
  entry.push(conditionalCreate(`urn:uuid:${context.newUuid()}`, key, provenance));
  return { resourceType: 'Bundle', type: 'transaction', entry };
}

/** An Observation (or a QuestionnaireResponse) first written in an amendment is final, not amended. */
function asNew(p: PlannedResource, draft: PeerEncounterDraft): FhirResource {
  const resource = p.resource;
  if (resource.resourceType === 'Observation' && draft.status === 'final') {
    const created: Observation = { ...resource, status: 'final' };
    return created;
  }
  if (resource.resourceType === 'QuestionnaireResponse' && resource.status === 'amended') {
    const created: QuestionnaireResponse = { ...resource, status: 'completed' };
    return created;
  }
  return resource;
}

/** A clinician may already have accepted or completed the follow-up: an amendment keeps that. */
function keepTaskStatus(resource: FhirResource, before: FhirResource | undefined): FhirResource {
  if (resource.resourceType === 'Task' && before?.resourceType === 'Task') {
    const task: Task = { ...resource, status: before.status };
    return task;
  }
  return resource;
}

/**
 * Marks a saved note as a mistake: its Encounter and Observations become entered-in-error and its
 * follow-up Task cancelled, with a Provenance NULLIFY giving the reason.
 */
export function enteredInErrorTransaction(
  view: PeerEncounterView,
  reason: string,
  context: TransactionContext,
): Bundle {
  const entry: BundleEntry[] = [];
  for (const version of view.versions) {
    const changed = isSharedKey(version.key) ? undefined : withStatus(version.resource);
    if (changed) {
      entry.push(update(version, changed, context));
    }
  }
  if (entry.length === 0) {
    throw new NothingToUpdateError();
  }
  const m = mappingContext(view.draft, context, {
    encounter: 'entered-in-error',
    observation: 'entered-in-error',
  });
  const key = resourceKey.provenance(view.draft.id, context.revision ?? view.nextRevision);
  const targets = entry.map((e) => e.request?.url ?? '');
  const provenance = buildProvenance(m, key, targets, PROVENANCE_CODE.nullify, reason.trim() || undefined);
  entry.push(conditionalCreate(`urn:uuid:${context.newUuid()}`, key, provenance));
  return { resourceType: 'Bundle', type: 'transaction', entry };
}
