import type { OperationOutcome } from 'fhir/r4';

function isOperationOutcome(value: unknown): value is OperationOutcome {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { resourceType?: unknown }).resourceType === 'OperationOutcome' &&
    Array.isArray((value as { issue?: unknown }).issue)
  );
}

/** The OperationOutcome of an error response, if its body is one; never throws. */
export async function readOperationOutcome(response: Response): Promise<OperationOutcome | undefined> {
  try {
    const parsed = JSON.parse(await response.text()) as unknown;
    return isOperationOutcome(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Seconds to wait from a Retry-After header: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (!value) {
    return undefined;
  }
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) {
    return Number(trimmed);
  }
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
