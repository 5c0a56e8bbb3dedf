/**
 * URL rules shared by the command-line tools (preflight, dynamic registration): the same ones the app's
 * runtime configuration applies.
 */

export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

/** SMART discovery for a FHIR base: https://hl7.org/fhir/smart-app-launch/conformance.html */
export function smartConfigurationUrl(base: string): string {
  return `${base}/.well-known/smart-configuration`;
}

/** The FHIR base without trailing slashes, so `<base>/metadata` never has `//`. */
export function trimBase(base: string): string {
  return base.replace(/\/+$/, '');
}

/** Why `value` is not an acceptable endpoint URL, or undefined when it is (https; http on localhost). */
export function endpointUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value}" is not an absolute URL`;
  }
  if (url.protocol === 'https:') {
    return undefined;
  }
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) {
    return undefined;
  }
  return `"${value}" does not use https (plain http is acceptable only on localhost)`;
}

export function isLoopbackUrl(value: string): boolean {
  try {
    return isLoopbackHost(new URL(value).hostname);
  } catch {
    return false;
  }
}

/** Where `npm start` serves the app: the only redirect URI that can be assumed, and only for a local EHR. */
export const LOCAL_DEV_REDIRECT_URI = 'http://localhost:5173/';

/** The redirect URI to use when none was given: the dev server's, for a server on this machine only. */
export function defaultRedirectUri(base: string): string | undefined {
  return isLoopbackUrl(base) ? LOCAL_DEV_REDIRECT_URI : undefined;
}
