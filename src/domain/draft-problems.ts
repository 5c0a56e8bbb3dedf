/** What validation reports, and helpers the draft checks share. */
import type { Concept } from './terminology';

export interface DraftProblem {
  readonly field: string;
  readonly message: string;
}

export const LIMITS = {
  durationMinutes: 600,
  narrative: 10_000,
  nextSteps: 2_000,
  comment: 2_000,
  goalDescription: 500,
  groupTitle: 200,
} as const;

export function codesOf(list: readonly Concept[]): ReadonlySet<string> {
  return new Set(list.map((c) => c.code));
}
/** "in person, phone, video or text" */
export function listInWords(list: readonly Concept[]): string {
  const words = list.map((c) => c.display.toLowerCase());
  return words.length > 1
    ? `${words.slice(0, -1).join(', ')} or ${words[words.length - 1] ?? ''}`
    : (words[0] ?? '');
}

export function tooLong(
  problems: DraftProblem[],
  field: string,
  text: string | undefined,
  max: number,
  what: string,
): void {
  if (text !== undefined && text.length > max) {
    problems.push({
      field,
      message: `${what} is too long: keep it under ${max.toLocaleString('en-US')} characters.`,
    });
  }
}
