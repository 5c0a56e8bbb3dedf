/**
 * The entries of a planned save's structured record that this server's write plan sends: only the
 * parts it takes, a Provenance pointing only at what is sent, and conditional creates only where
 * the statement lists them.
 */
import type { BundleEntry, FhirResource } from 'fhir/r4';
import type { PlannedSave } from './planned-save';
import type { ServerCapabilities } from './server-capabilities';
import type { StructuredPart, WritePlan } from './write-plan';

const PART_OF_TYPE: Readonly<Record<string, StructuredPart>> = {
  Goal: 'goals',
  Encounter: 'encounter',
  QuestionnaireResponse: 'questionnaire-responses',
  Observation: 'observations',
  Task: 'task',
  Provenance: 'provenance',
};

function typeOf(entry: BundleEntry): string {
  return entry.resource?.resourceType ?? '';
}

/** The structured part an entry belongs to, by its resource type; undefined for anything else. */
export function partOfEntry(entry: BundleEntry): StructuredPart | undefined {
  return PART_OF_TYPE[typeOf(entry)];
}

/**
 * The resource without the references that `missing` says will not be there: a total score
 * Observation's `derivedFrom` (it is written without its QuestionnaireResponse where the server takes
 * none, or refused it, rather than not at all) and a Provenance's targets. Others are returned as they are.
 */
export function withoutReferencesTo<T extends FhirResource>(
  resource: T,
  missing: (reference: string) => boolean,
): T {
  if (resource.resourceType === 'Provenance') {
    const target = resource.target.filter((ref) => !missing(ref.reference ?? ''));
    return target.length === resource.target.length ? resource : { ...resource, target };
  }
  if (resource.resourceType !== 'Observation' || !resource.derivedFrom) {
    return resource;
  }
  const derivedFrom = resource.derivedFrom.filter((ref) => !missing(ref.reference ?? ''));
  if (derivedFrom.length === resource.derivedFrom.length) {
    return resource;
  }
  const { derivedFrom: _dropped, ...rest } = resource;
  return (derivedFrom.length > 0 ? { ...rest, derivedFrom } : rest) as T;
}

/**
 * Only the entries `keep` accepts, with references to the others removed: from a Provenance's
 * targets (a Provenance left with none is dropped) and from `derivedFrom`. References to what the
 * server already holds (`Type/id`, in amendments) stay.
 */
export function keptEntries(
  entries: readonly BundleEntry[],
  keep: (entry: BundleEntry) => boolean,
): BundleEntry[] {
  const kept = entries.filter(keep);
  const gone = new Set(
    entries
      .filter((entry) => !kept.includes(entry))
      .flatMap((entry) => (entry.fullUrl ? [entry.fullUrl] : [])),
  );
  return kept.flatMap((entry): BundleEntry[] => {
    const resource = entry.resource;
    if (resource?.resourceType === 'Observation') {
      const trimmed = withoutReferencesTo(resource, (ref) => gone.has(ref));
      return [trimmed === resource ? entry : { ...entry, resource: trimmed }];
    }
    if (resource?.resourceType !== 'Provenance') {
      return [entry];
    }
    const target = resource.target.filter(
      (t) => !gone.has(t.reference ?? '') && t.reference !== entry.fullUrl,
    );
    return target.length > 0 ? [{ ...entry, resource: { ...resource, target } }] : [];
  });
}

/** The plan's part of the structured record, references to dropped entries removed. */
export function structuredEntries(save: PlannedSave): BundleEntry[] {
  const parts = new Set(save.plan.structured);
  return keptEntries(save.structured?.entry ?? [], (entry) => {
    const part = partOfEntry(entry);
    if (!part || !parts.has(part)) {
      return false;
    }
    return part !== 'task' || save.plan.followUp === 'task';
  });
}

/**
 * Drops If-None-Exist where the server's statement does not list conditional create for the type
 * (the ledger and a search stand in). A server that published no statement keeps them: a
 * transaction of creates relies on them, and a server that ignores them only creates.
 */
export function withoutUnlistedConditions(
  entry: BundleEntry,
  plan: WritePlan,
  capabilities: ServerCapabilities,
): BundleEntry {
  if (!capabilities.known || !entry.request?.ifNoneExist || plan.conditionalCreate.includes(typeOf(entry))) {
    return entry;
  }
  const { ifNoneExist: _dropped, ...request } = entry.request;
  return { ...entry, request };
}
