import type { Bundle, BundleEntry, Resource } from 'fhir/r4';
import type { Page, Route } from 'playwright-core';
import type { TestSandbox } from './test-sandbox';

/**
 * A stand-in, for the vendor personalities only, for the read side that does not yet work there
 * (issue 11 part 2: patient context without batch, `_include` only where listed, peers recognised
 * without PractitionerRole): the first screen's one batch read is answered in the browser from the
 * sandbox's store, as the open server would answer it, so a write test can reach the note form.
 * Writes are untouched: they meet the personality's own rules. Remove once the read side lands.
 */
export async function answerBatchReadsFromStore(page: Page, sandbox: TestSandbox): Promise<void> {
  const base = sandbox.fhirBaseUrl;
  await page.route(
    (url) => url.href === base || url.href === `${base}/`,
    async (route: Route) => {
      const request = route.request();
      const body = request.method() === 'POST' ? (request.postDataJSON() as Bundle | undefined) : undefined;
      if (body?.type !== 'batch') {
        await route.fallback();
        return;
      }
      const entry: BundleEntry[] = [];
      for (const item of body.entry ?? []) {
        entry.push(await readFromStore(sandbox, item.request?.url ?? ''));
      }
      await route.fulfill({
        status: 200,
        contentType: 'application/fhir+json',
        body: JSON.stringify({ resourceType: 'Bundle', type: 'batch-response', entry } satisfies Bundle),
      });
    },
  );
}

async function readFromStore(sandbox: TestSandbox, url: string): Promise<BundleEntry> {
  const [path = '', search] = url.split('?');
  const [type = '', id] = path.split('/');
  if (search === undefined && id) {
    const resource = await sandbox.fhir.internal.read<Resource>(type, id);
    return resource
      ? { resource: resource as BundleEntry['resource'], response: { status: '200 OK' } }
      : { response: { status: '404 Not Found' } };
  }
  const found = await sandbox.fhir.internal.search(type, Object.fromEntries(new URLSearchParams(search)));
  const searchset: Bundle = {
    resourceType: 'Bundle',
    type: 'searchset',
    entry: found.map((resource) => ({ resource: resource as BundleEntry['resource'] })),
  };
  return { resource: searchset, response: { status: '200 OK' } };
}
