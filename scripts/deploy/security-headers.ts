/**
 * The HTTP headers PeerBridge's static files should be served with, generated from the runtime
 * configuration (which FHIR servers it talks to) and the deploy configuration (which EHR pages frame
 * it). One pure function, so that the sandbox, the nginx example and the docs cannot drift apart.
 *
 * CSP reference: https://www.w3.org/TR/CSP3/ ; SMART App Launch: https://hl7.org/fhir/smart-app-launch/
 */
import type { RuntimeConfig } from '../../launch/runtime-config.ts';
import { EMPTY_DEPLOY_CONFIG, type DeployConfig } from './deploy-config.ts';

export interface SecurityHeaderInput {
  readonly runtime: RuntimeConfig;
  readonly deploy?: DeployConfig;
  /** Served over https: only then is Strict-Transport-Security sent (browsers ignore it on http). */
  readonly https: boolean;
  /**
   * Trusted Types policies the pages may create. None in the production build, which writes to no
   * DOM sink; the demo build names the one that registers its service worker (docs/decisions/0009-trusted-types-and-frame-ancestors.md).
   */
  readonly trustedTypesPolicies?: readonly string[];
}

export type HeaderSet = Readonly<Record<string, string>>;

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

function unique(values: readonly (string | undefined)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== undefined && value !== 'null'))];
}

/** The origins of every configured FHIR server: the app fetches each one's data and SMART discovery. */
export function issuerOrigins(runtime: RuntimeConfig): string[] {
  return unique(runtime.issuers.map((issuer) => originOf(issuer.iss)));
}

/**
 * The Content-Security-Policy. No 'unsafe-inline' or 'unsafe-eval': the build has no inline script
 * or style, and Preact sets styles through the CSSOM, which CSP does not govern. Trusted Types are
 * required, so a string can never reach an HTML or script sink (innerHTML, script src, eval), even
 * from injected code: https://w3c.github.io/trusted-types/dist/spec/
 *
 * frame-ancestors names only the EHR pages IT lists (peerbridge.deploy.json), not the FHIR servers:
 * a FHIR origin is an API, and any page it also serves (a patient portal, a vendor sandbox's test
 * page) could otherwise frame PeerBridge. 'self' covers PeerBridge's own window.
 */
export function contentSecurityPolicy(input: SecurityHeaderInput): string {
  const deploy = input.deploy ?? EMPTY_DEPLOY_CONFIG;
  const issuers = issuerOrigins(input.runtime);
  // fetch(): FHIR data, .well-known/smart-configuration and the token endpoint (which may live on
  // another origin than FHIR: IT adds it as extraConnectSrc).
  const connect = unique([...issuers, ...deploy.extraConnectSrc]);
  const policies = input.trustedTypesPolicies ?? [];
  const directives: [string, ...string[]][] = [
    ['default-src', "'none'"],
    ['script-src', "'self'"],
    ['style-src', "'self'"],
    ['img-src', "'self'", 'data:'],
    ['font-src', "'self'"],
    ['connect-src', "'self'", ...connect],
    // The authorization endpoint is reached by navigation, which CSP does not restrict; a server
    // that takes the authorization request as a form POST (SMART "authorize-post") needs form-action.
    ['form-action', "'self'", ...connect],
    ['frame-ancestors', "'self'", ...unique(deploy.frameAncestors)],
    ['base-uri', "'none'"],
    ['object-src', "'none'"],
    ['manifest-src', "'self'"],
    ['require-trusted-types-for', "'script'"],
    ['trusted-types', ...(policies.length > 0 ? policies : ["'none'"])],
  ];
  return directives.map((parts) => parts.join(' ')).join('; ');
}

const PERMISSIONS_POLICY = [
  'camera=()',
  'microphone=()',
  'geolocation=()',
  'payment=()',
  'usb=()',
  'serial=()',
  'bluetooth=()',
  'midi=()',
  'magnetometer=()',
  'gyroscope=()',
  'accelerometer=()',
  'browsing-topics=()',
].join(', ');

/** The headers for every response, HTML or not. Cache-Control depends on the file: see cacheControlFor. */
export function securityHeaders(input: SecurityHeaderInput): HeaderSet {
  return {
    'Content-Security-Policy': contentSecurityPolicy(input),
    // The URL of a page in PeerBridge carries the launch and the authorization code: never leak it.
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'Permissions-Policy': PERMISSIONS_POLICY,
    // Cuts the link to a cross-origin opener, but keeps the windows PeerBridge opens itself (the
    // "open in a new window" offered when an EHR frame blocks storage). Ignored inside the EHR frame.
    'Cross-Origin-Opener-Policy': 'same-origin-allow-popups',
    ...(input.https ? { 'Strict-Transport-Security': 'max-age=31536000' } : {}),
  };
}

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/**
 * Vite names what it emits under assets/ by content hash, so those never change and may be cached for
 * a year. Everything else (HTML, peerbridge.config.json) is revalidated on every load, so that a new
 * release or a configuration change reaches users at once.
 */
export function cacheControlFor(pathname: string): string {
  return /(^|\/)assets\/[^/]+$/.test(pathname) ? IMMUTABLE : REVALIDATE;
}
