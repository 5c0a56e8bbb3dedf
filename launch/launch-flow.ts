import { discoverSmartConfiguration, DiscoveryError, prefersV2Scopes } from './discovery';
import { issuerSpellingProblem } from './issuer-spelling';
import type { LaunchMessage } from './launch-messages';
import { randomState } from './random-state';
import {
  findIssuer,
  parseRuntimeConfig,
  RUNTIME_CONFIG_FILE as CONFIG_FILE,
  RuntimeConfigError,
  type RuntimeConfig,
} from './runtime-config';
import { requestedScope } from './scopes';

/** What the launch decided: go to the EHR's authorization server, or stop with a message. */
export type LaunchDecision =
  | {
      readonly kind: 'authorize';
      readonly params: {
        readonly iss: string;
        readonly launch?: string;
        readonly clientId: string;
        readonly scope: string;
        readonly redirectUri: string;
        readonly stateKey: string;
        /**
         * fhirclient's name for "always send the S256 challenge, whatever discovery lists": see
         * docs/decisions/0010-pkce-s256-on-every-authorize.md.
         */
        readonly pkceMode: 'unsafeV1';
        readonly completeInTarget: true;
      };
      /**
       * The launch page's own address without its query: shown before leaving, so neither the
       * address bar nor fhirclient (which reads `iss`, `launch`, `clientId` from the URL ahead of
       * the values it is given) sees the EHR's launch parameters.
       */
      readonly addressBarUrl: string;
    }
  | { readonly kind: 'message'; readonly message: LaunchMessage };

export interface LaunchEnvironment {
  readonly pageUrl: URL;
  readonly fetch: typeof fetch;
  readonly storageUsable: boolean;
  readonly embedded: boolean;
}

export { CONFIG_FILE };

async function loadRuntimeConfig(env: LaunchEnvironment): Promise<RuntimeConfig | LaunchMessage> {
  const url = new URL(`../${CONFIG_FILE}`, env.pageUrl);
  const contact = 'Ask your IT team to check PeerBridge’s deployment.';
  let json: unknown;
  try {
    const response = await env.fetch(url, { cache: 'no-store', credentials: 'same-origin' });
    if (!response.ok) {
      return {
        title: 'PeerBridge is not configured',
        paragraphs: [
          `The configuration file ${url.pathname} could not be loaded (HTTP ${response.status}).`,
          contact,
        ],
      };
    }
    json = await response.json();
  } catch {
    return {
      title: 'PeerBridge is not configured',
      paragraphs: [`The configuration file ${url.pathname} could not be read as JSON.`, contact],
    };
  }
  try {
    return parseRuntimeConfig(json);
  } catch (error) {
    const detail = error instanceof RuntimeConfigError ? error.message : 'It is not valid.';
    return {
      title: 'PeerBridge’s configuration has an error',
      paragraphs: [`In ${CONFIG_FILE}: ${detail}`, contact],
    };
  }
}

function chooseIssuer(config: RuntimeConfig, pageUrl: URL): LaunchMessage {
  if (config.issuers.length === 0) {
    return {
      title: 'No EHR is configured',
      paragraphs: [
        `PeerBridge has no EHR in ${CONFIG_FILE}. Ask your IT team to register PeerBridge with your EHR.`,
      ],
    };
  }
  return {
    tone: 'info',
    title: 'Choose your EHR',
    paragraphs: [
      'PeerBridge usually opens from a patient’s chart in your EHR. To sign in directly, choose your EHR:',
    ],
    actions: config.issuers.map((issuer) => {
      const href = new URL(pageUrl.pathname, pageUrl);
      href.searchParams.set('iss', issuer.iss);
      return { label: issuer.label ?? issuer.iss, href: href.href };
    }),
  };
}

function unknownIssuer(iss: string): LaunchMessage {
  return {
    title: 'This EHR is not allowed to open PeerBridge',
    paragraphs: [
      `The launch came from ${iss}, which is not in PeerBridge’s list of EHRs.`,
      `Nothing was sent to it. If this EHR is yours, ask your IT team to add it to ${CONFIG_FILE}:`,
    ],
    code: JSON.stringify({ iss, clientId: '<the client id your EHR issued to PeerBridge>' }, null, 2),
  };
}

function badlySpelledIssuer(iss: string, problem: string): LaunchMessage {
  return {
    title: 'This EHR address is not accepted',
    paragraphs: [
      `The launch came from ${iss}, and ${problem}. An EHR sends its FHIR address plainly (https, host, path), so PeerBridge stops here.`,
      'Nothing was sent to it. Open PeerBridge again from the chart; if this keeps happening, tell your IT team.',
    ],
  };
}

function storageBlocked(env: LaunchEnvironment): LaunchMessage {
  return {
    title: 'Your browser is blocking PeerBridge inside the EHR',
    paragraphs: [
      'PeerBridge needs this tab’s session storage to sign in safely, and the browser blocks it for apps embedded in another site.',
      env.embedded
        ? 'Open PeerBridge in its own window, or ask your IT team to allow storage for PeerBridge’s site.'
        : 'Allow site data for PeerBridge in the browser settings, then try again.',
    ],
    ...(env.embedded
      ? { actions: [{ label: 'Open PeerBridge in a new window', href: env.pageUrl.href, newWindow: true }] }
      : {}),
  };
}

/**
 * Decides how to launch, from the URL the EHR opened and the runtime configuration. An issuer that
 * is not configured is refused before any request reaches it.
 */
export async function decideLaunch(env: LaunchEnvironment): Promise<LaunchDecision> {
  const params = env.pageUrl.searchParams;
  const config = await loadRuntimeConfig(env);
  if (!('issuers' in config)) {
    return { kind: 'message', message: config };
  }
  const iss = params.get('iss');
  if (!iss) {
    return { kind: 'message', message: chooseIssuer(config, env.pageUrl) };
  }
  const spellingProblem = issuerSpellingProblem(iss);
  if (spellingProblem !== undefined) {
    return { kind: 'message', message: badlySpelledIssuer(iss, spellingProblem) };
  }
  const issuer = findIssuer(config, iss);
  if (!issuer) {
    return { kind: 'message', message: unknownIssuer(iss) };
  }
  if (!env.storageUsable) {
    return { kind: 'message', message: storageBlocked(env) };
  }
  let smart;
  try {
    // From here on the configured spelling, never the URL's: draft keys, `aud` and paging checks
    // all compare against it.
    smart = await discoverSmartConfiguration(issuer.iss, env.fetch);
  } catch (error) {
    const detail =
      error instanceof DiscoveryError ? error.message : 'Its SMART configuration could not be read.';
    return {
      kind: 'message',
      message: {
        title: 'PeerBridge cannot reach your EHR',
        paragraphs: [detail, 'Try again; if it keeps happening, tell your IT team.'],
      },
    };
  }
  const launch = params.get('launch');
  const scope =
    issuer.scope ?? requestedScope(prefersV2Scopes(smart) ? 'v2' : 'v1', launch ? 'ehr' : 'standalone');
  return {
    kind: 'authorize',
    params: {
      iss: issuer.iss,
      ...(launch ? { launch } : {}),
      clientId: issuer.clientId,
      scope,
      redirectUri: issuer.redirectUri ?? new URL('../', env.pageUrl).href,
      stateKey: randomState(),
      pkceMode: 'unsafeV1',
      completeInTarget: true,
    },
    addressBarUrl: new URL(env.pageUrl.pathname, env.pageUrl).href,
  };
}
