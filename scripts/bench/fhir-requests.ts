/** Counting the FHIR requests a page makes, the same way for every bench figure. */
import type { Page, Request } from 'playwright-core';
import type { Sandbox } from '../../mocks/sandbox/server';

/**
 * A request the app makes to the FHIR server, leaving out the background /metadata read, SMART
 * discovery and CORS preflights.
 */
export function isFhirRequest(request: Request, sandbox: Pick<Sandbox, 'fhirBaseUrl'>): boolean {
  const url = request.url();
  return (
    url.startsWith(sandbox.fhirBaseUrl) &&
    request.method() !== 'OPTIONS' &&
    !url.endsWith('/metadata') &&
    !url.includes('/.well-known/')
  );
}

/** Counts the FHIR requests the page makes from the start of `action` until it resolves. */
export async function countFhirRequests<T>(
  page: Page,
  sandbox: Pick<Sandbox, 'fhirBaseUrl'>,
  action: () => Promise<T>,
): Promise<{ requests: number; result: T }> {
  let requests = 0;
  const count = (request: Request): void => {
    if (isFhirRequest(request, sandbox)) {
      requests++;
    }
  };
  page.on('request', count);
  try {
    const result = await action();
    return { requests, result };
  } finally {
    page.off('request', count);
  }
}
