/**
 * Per-section answers for the first screen: a plan's per-query answers folded by section, and which
 * failed sections are worth asking again one search at a time.
 */
import type { ContextPlan, ContextSection, QueryAnswer } from './patient-context-queries';

/** Each section's answer: all of its queries' resources, or a failure if any of them failed. */
export type SectionAnswers = ReadonlyMap<ContextSection, QueryAnswer>;

/** The sections in the order the first screen shows them. */
export const CONTEXT_SECTIONS: readonly ContextSection[] = [
  'patient',
  'problems',
  'goals',
  'careTeam',
  'encounters',
  'peerContacts',
  'followUps',
  'user',
];

/**
 * Folds a plan's per-query answers into per-section ones, including the sections it skipped; the
 * sections it read replace those of an `earlier` answer (the fallback after a refused batch).
 */
export function sectionAnswers(
  plan: ContextPlan,
  answers: readonly QueryAnswer[],
  earlier?: SectionAnswers,
): Map<ContextSection, QueryAnswer> {
  const sections = new Map<ContextSection, QueryAnswer>();
  plan.queries.forEach((query, index) => {
    const answer: QueryAnswer = answers[index] ?? { ok: false };
    const before = sections.get(query.section);
    if (!before || !answer.ok) {
      sections.set(query.section, before && !before.ok ? before : answer);
    } else if (before.ok) {
      sections.set(query.section, { ok: true, resources: [...before.resources, ...answer.resources] });
    }
  });
  for (const [section, reason] of plan.skipped) {
    switch (reason) {
      case 'not-offered':
        // The server has no such resource: there is nothing to show, and that is known.
        sections.set(section, { ok: true, resources: [] });
        break;
      case 'not-searchable':
        sections.set(section, { ok: false });
        break;
      case 'from-encounters':
        break;
    }
  }
  const merged = new Map([...(earlier ?? []), ...sections]);
  if (plan.skipped.get('peerContacts') === 'from-encounters') {
    merged.set('peerContacts', merged.get('encounters') ?? { ok: false });
  }
  return merged;
}

/** Sections worth asking again one search at a time: failed, but not for lack of permission. */
export function retryableSections(sections: SectionAnswers): Set<ContextSection> {
  const retry = new Set<ContextSection>();
  for (const [section, answer] of sections) {
    if (!answer.ok && answer.status !== 401 && answer.status !== 403) {
      retry.add(section);
    }
  }
  return retry;
}
