/**
 * One save = one FHIR transaction Bundle of conditional creates (docs/fhir-model.md): every entry is
 * `POST` with `ifNoneExist` on its resource key, so a retried save can never duplicate anything.
 */
import type { Bundle, BundleEntry, FhirResource } from 'fhir/r4';
import { PROVENANCE_CODE } from './codes';
import { planDraftResources } from './draft-resources';
import { mappingContext, statusesFor, type TransactionContext } from './mapping-context';
import type { PeerEncounterDraft } from './peer-encounter-draft';
import { buildProvenance } from './request-resources';
import { ifNoneExistFor, ifNoneExistForTag, resourceKey } from './resource-keys';

export type { TransactionAuthor, TransactionContext } from './mapping-context';

/** A POST that creates `resource` only if nothing with its key exists yet. */
export function conditionalCreate(fullUrl: string, key: string, resource: FhirResource): BundleEntry {
  const ifNoneExist = resource.resourceType === 'Provenance' ? ifNoneExistForTag(key) : ifNoneExistFor(key);
  return { fullUrl, resource, request: { method: 'POST', url: resource.resourceType, ifNoneExist } };
}

/** The transaction that writes `draft`; the caller has validated it (validateDraftForSave). */
export function draftToTransaction(draft: PeerEncounterDraft, context: TransactionContext): Bundle {
  const m = mappingContext(draft, context, statusesFor(draft));
  const planned = planDraftResources(m, () => `urn:uuid:${context.newUuid()}`);
  const entry: BundleEntry[] = planned.map((p) => conditionalCreate(p.ref, p.key, p.resource));
  const revision = context.revision ?? 1;
  const provenanceKey = resourceKey.provenance(draft.id, revision);
  const activity = revision > 1 ? PROVENANCE_CODE.update : PROVENANCE_CODE.create;
  const provenance = buildProvenance(
    m,
    provenanceKey,
    planned.map((p) => p.ref),
    activity,
  );
  entry.push(conditionalCreate(`urn:uuid:${context.newUuid()}`, provenanceKey, provenance));
  return { resourceType: 'Bundle', type: 'transaction', entry };
}
