/**
 * Where the demo's simulated EHR lives: paths under the demo's own origin, so that every request the
 * app makes stays on that origin (and the CSP can say connect-src 'self' and nothing more).
 */
export interface DemoSite {
  /** The folder the demo is hosted in, with a trailing slash, e.g. https://example.org/peerbridge-demo/ */
  readonly base: string;
  readonly fhirBase: string;
  readonly authorizeUrl: string;
  readonly tokenUrl: string;
  readonly configUrl: string;
  readonly launchUrl: string;
  readonly appUrl: string;
}

export const DEMO_CLIENT_ID = 'peerbridge-demo';

/** `depth`: how many folders below the demo's root the current page is (0 for the root page). */
export function demoSite(pageUrl: string, depth: number): DemoSite {
  const base = new URL(`./${'../'.repeat(depth)}`, pageUrl).href.replace(/[?#].*$/, '');
  return {
    base,
    fhirBase: `${base}ehr/fhir`,
    authorizeUrl: `${base}ehr/authorize.html`,
    tokenUrl: `${base}ehr/token`,
    configUrl: `${base}peerbridge.config.json`,
    launchUrl: `${base}launch/`,
    appUrl: `${base}app/`,
  };
}
