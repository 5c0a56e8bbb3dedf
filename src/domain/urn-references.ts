/**
 * A transaction's entries point at each other by `urn:uuid:` fullUrls; written one request at a time,
 * each urn must be replaced by the `Type/id` the server gave the entry it names.
 * https://hl7.org/fhir/R4/http.html#trules
 */
import { isRecord } from './guards';

/** Every `urn:uuid:` reference inside `value`. */
export function urnReferencesIn(value: unknown, found: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) {
    value.forEach((item) => urnReferencesIn(item, found));
  } else if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'reference' && typeof item === 'string' && item.startsWith('urn:uuid:')) {
        found.add(item);
      } else {
        urnReferencesIn(item, found);
      }
    }
  }
  return found;
}

/** A copy of `value` with each `reference` found in `resolved` replaced by what it resolved to. */
export function resolveReferences<T>(value: T, resolved: ReadonlyMap<string, string>): T {
  if (Array.isArray(value)) {
    return value.map((item: unknown) => resolveReferences(item, resolved)) as T;
  }
  if (isRecord(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      copy[key] =
        key === 'reference' && typeof item === 'string' && resolved.has(item)
          ? resolved.get(item)
          : resolveReferences(item, resolved);
    }
    return copy as T;
  }
  return value;
}
