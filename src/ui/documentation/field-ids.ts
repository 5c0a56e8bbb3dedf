import type { DraftProblem } from '../../domain/validate-draft';

/** The element id of a draft field path such as `goals.1.progress`, for labels, errors and focus. */
export function fieldId(path: string): string {
  return `field-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

export function errorId(path: string): string {
  return `${fieldId(path)}-error`;
}

/** The first problem about this field (or, with `nested`, about anything inside it). */
export function problemAt(
  problems: readonly DraftProblem[],
  path: string,
  nested = false,
): DraftProblem | undefined {
  return problems.find((p) => p.field === path || (nested && p.field.startsWith(`${path}.`)));
}

/** Props that tie an input to its error message, so screen readers read both. */
export function describedBy(problems: readonly DraftProblem[], path: string, nested = false) {
  const problem = problemAt(problems, path, nested);
  return problem ? { 'aria-invalid': true as const, 'aria-describedby': errorId(path) } : {};
}
