/**
 * The entries of a planned save's structured record that this server's write plan sends: only the
 * parts it takes, a Provenance pointing only at what is sent, and conditional creates only where
 * the statement lists them.
 */
import type { BundleEntry } from 'fhir/r4';
import type { PlannedSave } from './planned-save';
import type { ServerCapabilities } from './server-capabilities';
import type { StructuredPart, WritePlan } from './write-plan';

const PART_OF_TYPE: Readonly<Record<string, StructuredPart>> = {
  Goal: 'goals',
  Encounter: 'encounter',
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

/** The plan's part of the structured record, references to dropped entries removed from the Provenance. */
export function structuredEntries(save: PlannedSave): BundleEntry[] {
  const parts = new Set(save.plan.structured);
  const kept = (save.structured?.entry ?? []).filter((entry) => {
    const part = partOfEntry(entry);
    if (!part || !parts.has(part)) {
      return false;
    }
    return part !== 'task' || save.plan.followUp === 'task';
  });
  const urls = new Set(kept.flatMap((entry) => (entry.fullUrl ? [entry.fullUrl] : [])));
  return kept.flatMap((entry): BundleEntry[] => {
    const resource = entry.resource;
    if (resource?.resourceType !== 'Provenance') {
      return [entry];
    }
    const target = resource.target.filter(
      (t) => urls.has(t.reference ?? '') && t.reference !== entry.fullUrl,
    );
    return target.length > 0 ? [{ ...entry, resource: { ...resource, target } }] : [];
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
