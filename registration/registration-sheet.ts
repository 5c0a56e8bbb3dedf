/**
 * Everything an EHR's app registration form asks for, built from the same lists the launch uses
 * (launch/scopes.ts) so that the sheet IT fills in can never drift from what PeerBridge requests. Pure: the
 * command line (`npm run registration`) and the built app's registration page both render it.
 */
import type { ProfileSummary } from './profile-summary';
import { registrationSections, renderMarkdown } from './registration-sections';
import { CONTEXT_SCOPE_REASONS, SCOPE_REASONS } from './scope-reasons';
import {
  accessKey,
  IDENTITY_SCOPES,
  launchScope,
  RESOURCE_ACCESS,
  requestedScope,
  SESSION_SCOPE,
  v1Scopes,
  v2Scope,
  type LaunchKind,
  type ResourceAccess,
  type ScopeStyle,
} from '../launch/scopes';

/** Shown until IT says where the static files live; not a URL, so nobody registers it by mistake. */
export const PLACEHOLDER_BASE_URL = 'https://<your host>/peerbridge/';

export const APP_NAME = 'PeerBridge';
export const APP_DESCRIPTION =
  'Peer support documentation for integrated care teams: peer specialists document peer encounters ' +
  'from inside the EHR, and clinicians see them beside treatment.';
/** The FHIR release PeerBridge and its profiles are written for (fhir-profiles/package.json). */
export const FHIR_VERSION = '4.0.1';

export interface ScopeLine {
  readonly scope: string;
  readonly reason: string;
}

export interface ResourceScopeLine {
  readonly context: ResourceAccess['context'];
  readonly resourceType: string;
  readonly v2: string;
  readonly v1: readonly string[];
  readonly reason: string;
}

export interface LaunchType {
  readonly kind: LaunchKind;
  readonly name: string;
  /** The address that starts it. */
  readonly startUrl: string;
  readonly note: string;
}

export interface RegistrationSheet {
  readonly app: { readonly name: string; readonly description: string };
  readonly baseUrl: string;
  /** True while the base URL is the placeholder: the sheet is then a template, not a registration. */
  readonly baseUrlIsPlaceholder: boolean;
  readonly launchUrl: string;
  readonly redirectUris: readonly string[];
  readonly client: {
    readonly type: 'public';
    readonly tokenEndpointAuthMethod: 'none';
    readonly clientSecret: false;
    readonly pkce: 'S256';
  };
  readonly fhirVersion: { readonly release: 'R4'; readonly version: string };
  readonly launchTypes: readonly LaunchType[];
  readonly scopes: {
    readonly context: readonly ScopeLine[];
    readonly resources: readonly ResourceScopeLine[];
    /** The exact `scope` parameter sent, per style and launch kind. */
    readonly requested: Readonly<Record<ScopeStyle, Readonly<Record<LaunchKind, string>>>>;
  };
  readonly writes: {
    readonly resourceTypes: readonly string[];
    readonly profiles: readonly ProfileSummary[];
  };
}

export class RegistrationSheetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegistrationSheetError';
  }
}

/**
 * The folder the static files are served from, ending in `/`. https only (http on loopback for
 * testing), no query or fragment: EHRs compare redirect URIs exactly.
 */
export function normalizeBaseUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new RegistrationSheetError(
      `The base URL "${input}" is not an absolute URL; give the address of the folder holding index.html, e.g. https://apps.example-hospital.org/peerbridge/.`,
    );
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new RegistrationSheetError(
      `The base URL "${input}" must use https (plain http is allowed only on localhost).`,
    );
  }
  if (url.search !== '' || url.hash !== '') {
    throw new RegistrationSheetError(`The base URL "${input}" must not have a query or a fragment.`);
  }
  if (!url.pathname.endsWith('/')) {
    url.pathname = `${url.pathname}/`;
  }
  return url.href;
}

function reasonFor(reasons: Readonly<Record<string, string>>, key: string): string {
  const reason = reasons[key];
  if (reason === undefined) {
    // A scope without a reason would reach an EHR's review unexplained: fail loudly in the tests.
    throw new RegistrationSheetError(`No reason is given for ${key} in registration/scope-reasons.ts.`);
  }
  return reason;
}

function resourceLine(access: ResourceAccess): ResourceScopeLine {
  return {
    context: access.context,
    resourceType: access.resourceType,
    v2: v2Scope(access),
    v1: v1Scopes(access),
    reason: reasonFor(SCOPE_REASONS, accessKey(access)),
  };
}

function writtenTypes(): string[] {
  const writes = RESOURCE_ACCESS.filter((access) =>
    access.permissions.some((p) => p === 'c' || p === 'u' || p === 'd'),
  );
  return [...new Set(writes.map((access) => access.resourceType))].sort((a, b) => a.localeCompare(b, 'en'));
}

export interface RegistrationSheetInput {
  /** Where the static files are served; the placeholder when omitted. */
  readonly baseUrl?: string;
  /** From fhir-profiles' StructureDefinitions (see profile-summary.ts). */
  readonly profiles: readonly ProfileSummary[];
}

export function buildRegistrationSheet(input: RegistrationSheetInput): RegistrationSheet {
  const baseUrl = input.baseUrl === undefined ? PLACEHOLDER_BASE_URL : normalizeBaseUrl(input.baseUrl);
  const launchUrl = `${baseUrl}launch/`;
  const kinds: readonly LaunchKind[] = ['ehr', 'standalone'];
  const contextScopes = [...kinds.map(launchScope), ...IDENTITY_SCOPES, SESSION_SCOPE];
  const requested = (style: ScopeStyle): Record<LaunchKind, string> => ({
    ehr: requestedScope(style, 'ehr'),
    standalone: requestedScope(style, 'standalone'),
  });
  return {
    app: { name: APP_NAME, description: APP_DESCRIPTION },
    baseUrl,
    baseUrlIsPlaceholder: input.baseUrl === undefined,
    launchUrl,
    // launch-flow.ts redirects to the app page next to the launch page, for both launch kinds.
    redirectUris: [baseUrl],
    client: { type: 'public', tokenEndpointAuthMethod: 'none', clientSecret: false, pkce: 'S256' },
    fhirVersion: { release: 'R4', version: FHIR_VERSION },
    launchTypes: [
      {
        kind: 'ehr',
        name: 'EHR launch',
        startUrl: launchUrl,
        note: 'The EHR opens it from a patient’s chart, adding iss and launch.',
      },
      {
        kind: 'standalone',
        name: 'Standalone launch',
        startUrl: `${launchUrl}?iss=<FHIR base URL>`,
        note: 'The user opens it directly; without iss, PeerBridge lists the EHRs it is configured for.',
      },
    ],
    scopes: {
      context: contextScopes.map((scope) => ({ scope, reason: reasonFor(CONTEXT_SCOPE_REASONS, scope) })),
      resources: RESOURCE_ACCESS.map(resourceLine),
      requested: { v2: requested('v2'), v1: requested('v1') },
    },
    writes: { resourceTypes: writtenTypes(), profiles: input.profiles },
  };
}

/** The sheet as Markdown, for a ticket or an email to the EHR team. */
export function toMarkdown(sheet: RegistrationSheet): string {
  return renderMarkdown(registrationSections(sheet));
}
