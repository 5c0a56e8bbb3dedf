/**
 * Two creates with the same ifNoneExist in one transaction would both find nothing (neither exists
 * yet) and both be created: the duplicate the condition exists to prevent. HAPI refuses such a
 * transaction with 400; so do both fakes here (the sandbox and the in-browser one).
 */

/** A transaction entry's conditional create, or undefined for any other entry. */
export interface ConditionalCreate {
  readonly resourceType: string;
  readonly ifNoneExist: string;
}

/** Why the transaction must be refused, naming both entries; undefined when no create repeats. */
export function findRepeatedConditionalCreate(
  creates: readonly (ConditionalCreate | undefined)[],
): string | undefined {
  const seen = new Map<string, number>();
  for (const [index, create] of creates.entries()) {
    if (!create) {
      continue;
    }
    const query = new URLSearchParams(create.ifNoneExist);
    query.sort();
    const key = `${create.resourceType}?${query.toString()}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      return (
        `Bundle.entry[${index}] repeats the conditional create of Bundle.entry[${earlier}] ` +
        `(${create.resourceType} ifNoneExist '${create.ifNoneExist}'): send that resource once ` +
        'and point at it by its fullUrl.'
      );
    }
    seen.set(key, index);
  }
  return undefined;
}
