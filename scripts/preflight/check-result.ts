/**
 * One line of the preflight report. `info` is for facts worth knowing that need no action before
 * go-live, so that a server meeting every need reads as "all pass" and not as a wall of warnings.
 */
export type CheckStatus = 'pass' | 'info' | 'warn' | 'fail';

export interface CheckResult {
  /** Stable, for scripts that read `--json`: e.g. `smart.pkce-s256`, `metadata.resource.Encounter`. */
  readonly id: string;
  readonly title: string;
  readonly status: CheckStatus;
  readonly detail: string;
  /** What IT should do; empty when there is nothing to do. */
  readonly fix: string;
}

export interface CheckSummary {
  readonly pass: number;
  readonly info: number;
  readonly warn: number;
  readonly fail: number;
  /** The worst status, so a pipeline reads one field. */
  readonly result: 'pass' | 'warn' | 'fail';
}

export function passed(id: string, title: string, detail: string): CheckResult {
  return { id, title, status: 'pass', detail, fix: '' };
}

export function check(
  id: string,
  title: string,
  status: CheckStatus,
  detail: string,
  fix: string,
): CheckResult {
  return { id, title, status, detail, fix: status === 'pass' ? '' : fix };
}

const SEVERITY: Readonly<Record<CheckStatus, number>> = { pass: 0, info: 1, warn: 2, fail: 3 };

export function worstStatus(statuses: readonly CheckStatus[]): CheckStatus {
  return statuses.reduce<CheckStatus>((worst, s) => (SEVERITY[s] > SEVERITY[worst] ? s : worst), 'pass');
}

export function summarize(checks: readonly CheckResult[]): CheckSummary {
  const count = (status: CheckStatus): number => checks.filter((c) => c.status === status).length;
  const fail = count('fail');
  const warn = count('warn');
  let result: CheckSummary['result'] = 'pass';
  if (fail > 0) {
    result = 'fail';
  } else if (warn > 0) {
    result = 'warn';
  }
  return { pass: count('pass'), info: count('info'), warn, fail, result };
}
