/**
 * Starts the demo's simulated EHR inside the visitor's browser: msw's service worker hands every
 * request of the page to the handlers below. Requests to any other origin are refused outright, so
 * the demo cannot reach a real server even if a link or a configuration pointed at one.
 */
import type { FhirResource } from 'fhir/r4';
import { http, HttpResponse, type HttpHandler } from 'msw';
import { setupWorker } from 'msw/browser';
import { buildSeed } from '../../fixtures/seed';
import { MemoryFhirServer } from '../../fake-fhir-server/memory-fhir-server';
import { fakeFhirHandlers } from '../../fake-fhir-server/msw-handlers';
import { DEMO_CLIENT_ID, type DemoSite } from '../smart/demo-site';
import { exchangeCode, smartConfiguration } from '../smart/token-endpoint';
import { allowWorkerRegistration } from './worker-script-url';

/** Notes written in the demo survive a reload of the tab, and nothing else: sessionStorage. */
const RECORD_KEY = 'peerbridge-demo-record';

function restoreWrites(server: MemoryFhirServer): void {
  try {
    const saved: unknown = JSON.parse(sessionStorage.getItem(RECORD_KEY) ?? '[]');
    if (Array.isArray(saved)) {
      server.restore(saved as FhirResource[]);
    }
  } catch {
    // A tab whose storage is blocked or corrupt starts from the synthetic record alone.
  }
}

function saveWrites(server: MemoryFhirServer): void {
  try {
    sessionStorage.setItem(RECORD_KEY, JSON.stringify(server.writtenResources()));
  } catch {
    // Keeping the demo's notes across reloads is a convenience, not a promise.
  }
}

/** Only the demo's own tokens (see ../smart/token-endpoint.ts) reach the record. */
function hasDemoToken(request: Request): boolean {
  return (request.headers.get('Authorization') ?? '').startsWith('Bearer demo-');
}

function runtimeConfig(site: DemoSite, issuer: string): object {
  return {
    issuers: [
      {
        iss: issuer,
        clientId: DEMO_CLIENT_ID,
        label: 'Demo EHR (in this browser)',
        redirectUri: site.appUrl,
      },
    ],
  };
}

function handlers(site: DemoSite, server: MemoryFhirServer): HttpHandler[] {
  const issuer = site.fhirBase;
  return [
    // The launch page reads the configuration from the site's root, the app page from beside itself
    // (in a real deployment both are the same file; the demo's app page sits in app/).
    ...[site.configUrl, `${site.appUrl}peerbridge.config.json`].map((url) =>
      http.get(url, () => HttpResponse.json(runtimeConfig(site, issuer))),
    ),
    http.get(`${site.fhirBase}/.well-known/smart-configuration`, () =>
      HttpResponse.json(smartConfiguration(site)),
    ),
    http.post(site.tokenUrl, async ({ request }) => {
      const reply = await exchangeCode(new URLSearchParams(await request.text()), issuer);
      return HttpResponse.json(reply.body, {
        status: reply.status,
        headers: { 'Cache-Control': 'no-store' },
      });
    }),
    ...fakeFhirHandlers(server, { authorized: hasDemoToken, afterWrite: () => saveWrites(server) }),
  ];
}

export async function startDemoServer(site: DemoSite): Promise<void> {
  const server = new MemoryFhirServer({
    base: site.fhirBase,
    seed: buildSeed(new Date()),
    newId: () => crypto.randomUUID(),
    now: () => new Date().toISOString(),
  });
  restoreWrites(server);
  const origin = new URL(site.base).origin;
  const worker = setupWorker(...handlers(site, server));
  const workerUrl = `${site.base}mockServiceWorker.js`;
  allowWorkerRegistration(workerUrl);
  await worker.start({
    serviceWorker: { url: workerUrl, options: { scope: site.base } },
    quiet: true,
    onUnhandledRequest(request, print) {
      // The demo's own files (scripts, styles) load as usual; anything else is an error.
      if (new URL(request.url).origin !== origin) {
        print.error();
      }
    },
  });
}
