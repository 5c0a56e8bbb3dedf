import { findIssuer, parseRuntimeConfig } from '../domain/runtime-config';
import { DEFAULT_ISSUER_OPTIONS, issuerOptions, type IssuerOptions } from '../domain/runtime-config-issuer';

/**
 * The launching issuer's options from `peerbridge.config.json` (a same-origin static file, the one the
 * launch page checked a moment ago), matched by the session's FHIR base URL. A missing, unreadable or
 * invalid file gives the defaults rather than a broken screen: the launch page is where IT is told.
 */
export async function loadIssuerOptions(
  configUrl: URL,
  serverUrl: string,
  fetchImpl: typeof fetch = (input, init) => globalThis.fetch(input, init),
): Promise<IssuerOptions> {
  try {
    const response = await fetchImpl(configUrl, { cache: 'no-store', credentials: 'same-origin' });
    if (!response.ok) {
      return DEFAULT_ISSUER_OPTIONS;
    }
    const config = parseRuntimeConfig(await response.json());
    return issuerOptions(findIssuer(config, serverUrl));
  } catch {
    return DEFAULT_ISSUER_OPTIONS;
  }
}
