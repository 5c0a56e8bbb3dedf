import type { DraftProblem } from '../../../domain/validate-draft';
import { errorId, problemAt } from '../field-ids';

/** The plain-words message beside a field, when the field has a problem. */
export function FieldError({
  problems,
  path,
  nested = false,
}: {
  problems: readonly DraftProblem[];
  path: string;
  nested?: boolean;
}) {
  const problem = problemAt(problems, path, nested);
  if (!problem) {
    return null;
  }
  return (
    <p class="field-error" id={errorId(path)}>
      {problem.message}
    </p>
  );
}
