import type { BundleEntry, OperationOutcome } from 'fhir/r4';
import { isOperationOutcome } from '../domain/guards';
import { fhirHttpError, type FhirHttpError } from './fhir-errors';

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

/** The HTTP status code of a batch or transaction entry's answer ("201 Created" → 201), if it has one. */
function entryStatusCode(status: unknown): number | undefined {
  const match = typeof status === 'string' ? /^\s*(\d{3})(?:\s|$)/.exec(status) : null;
  return match ? Number(match[1]) : undefined;
}

/**
 * The typed error of a batch or transaction entry whose answer is an HTTP error (4xx, 5xx), with its
 * OperationOutcome; undefined for a success or an entry that says nothing. A batch answers 200 as a
 * whole even when entries inside it failed, so every entry must be read on its own.
 * https://hl7.org/fhir/R4/http.html#transaction-response
 */
export function entryError(entry: BundleEntry | undefined): FhirHttpError | undefined {
  const code = entryStatusCode(entry?.response?.status);
  if (code === undefined || code < 400) {
    return undefined;
  }
  const outcome = [entry?.response?.outcome, entry?.resource].find(isOperationOutcome);
  return fhirHttpError(code, outcome);
}
