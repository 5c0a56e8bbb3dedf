/**
 * The demo build's one Trusted Types policy: it lets exactly msw's service worker script be
 * registered, and nothing else. `navigator.serviceWorker.register()` is a script-URL sink, so under
 * `require-trusted-types-for 'script'` the browser refuses a plain string there. msw turns whatever
 * URL it is given back into a string (`url.toString()`) before it registers, so a TrustedScriptURL
 * made by a named policy cannot survive the trip; the policy must therefore be the one the browser
 * consults at the sink itself, whose name the spec fixes as "default". It answers for one URL at one
 * sink and refuses everything else. docs/decisions/0009-trusted-types-and-frame-ancestors.md.
 */
export const DEMO_WORKER_POLICY = 'default';

const REGISTER_SINK = 'ServiceWorkerContainer register';

/** The slice of the Trusted Types API used here (TypeScript's DOM library does not have it yet). */
interface TrustedTypePolicyFactory {
  createPolicy(
    name: string,
    rules: { createScriptURL(input: string, type: string, sink: string): string | null },
  ): unknown;
}

/** Lets `register(workerUrl)` through; any other script URL, at any sink, stays refused. */
export function allowWorkerRegistration(workerUrl: string): void {
  const factory = (globalThis as { trustedTypes?: TrustedTypePolicyFactory }).trustedTypes;
  // A browser without Trusted Types enforces nothing, so there is nothing to allow.
  factory?.createPolicy(DEMO_WORKER_POLICY, {
    createScriptURL: (input, _type, sink) => (sink === REGISTER_SINK && input === workerUrl ? input : null),
  });
}
