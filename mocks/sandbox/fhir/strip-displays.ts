import { isRecord } from '../../../src/domain/guards';

/**
 * The answer as many real EHRs send it: references without `display` (Reference.display is 0..1 and
 * Epic, Oracle Health and others often leave it out), so an app must name people from the
 * resources themselves. A copy; the stored data keeps its displays. Only objects that carry a
 * `reference` lose their `display`: a Coding's display stays.
 */
export function stripReferenceDisplays(value: unknown): unknown {
  if (Array.isArray(value)) {
    return (value as unknown[]).map(stripReferenceDisplays);
  }
  if (!isRecord(value)) {
    return value;
  }
  const isReference = typeof value.reference === 'string';
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !(isReference && key === 'display'))
      .map(([key, member]) => [key, stripReferenceDisplays(member)]),
  );
}
