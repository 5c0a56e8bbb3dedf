/**
 * A transaction's entries refer to each other by their `fullUrl`, usually a `urn:uuid:`; the server
 * gives each entry its `Type/id` and rewrites every `reference` that names one
 * (https://hl7.org/fhir/R4/http.html#trules). Shared by every fake FHIR server here: the in-browser
 * one, the Medplum-engine sandbox and the canned transaction responses in the fixtures.
 */
import { isRecord } from '../../src/domain/guards';

/** A copy of `value` with each `reference` found in `identities` replaced; the rest is untouched. */
export function rewriteReferences<T>(value: T, identities: ReadonlyMap<string, string>): T {
  if (identities.size === 0) {
    return value;
  }
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) {
      return node.map(rewrite);
    }
    if (!isRecord(node)) {
      return node;
    }
    const copy: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node)) {
      copy[key] =
        key === 'reference' && typeof child === 'string' ? (identities.get(child) ?? child) : rewrite(child);
    }
    return copy;
  };
  return rewrite(value) as T;
}
