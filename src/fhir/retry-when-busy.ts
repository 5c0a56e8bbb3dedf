import { FhirHttpError } from './fhir-errors';

/** The longest Retry-After PeerBridge waits by itself; longer, and the person decides. */
const MAX_AUTOMATIC_WAIT_SECONDS = 10;

/** Waits once, by itself, when the server asks for a short pause (429/503 Retry-After); else rethrows. */
export async function retryOnceWhenBusy<T>(sleep: (ms: number) => Promise<void>, attempt: () => Promise<T>) {
  try {
    return await attempt();
  } catch (error) {
    const wait = error instanceof FhirHttpError ? error.retryAfterSeconds : undefined;
    const busy = error instanceof FhirHttpError && (error.status === 429 || error.status === 503);
    if (!busy || wait === undefined || wait > MAX_AUTOMATIC_WAIT_SECONDS) {
      throw error;
    }
    await sleep(wait * 1000);
    return attempt();
  }
}
