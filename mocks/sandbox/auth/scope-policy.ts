import type { ScopeRules } from '../smart-scopes';
import { isKnownScope, parseResourceScope, scopeRuleViolation } from '../smart-scopes';
import type { RegisteredClient } from './client-registry';

export type ScopeCheck = { ok: true; scopes: string[] } | { ok: false; description: string };

/**
 * Checks the `scope` of an authorization request. Every scope must be well formed and of a kind the
 * sandbox understands (any resource type is fine); system/ scopes belong to backend services, not to a
 * user's authorization. A dynamically registered client may only ask within the scope it registered.
 */
export function checkRequestedScopes(
  scope: string | undefined,
  client: RegisteredClient,
  rules?: ScopeRules,
): ScopeCheck {
  const scopes = splitScopes(scope ?? '');
  if (scopes.length === 0) {
    return { ok: false, description: 'The scope parameter is required and must not be empty.' };
  }
  const ceiling = client.scope === undefined ? undefined : new Set(splitScopes(client.scope));
  for (const requested of scopes) {
    if (!isKnownScope(requested)) {
      return { ok: false, description: `Unknown or malformed scope "${requested}".` };
    }
    const resourceScope = parseResourceScope(requested);
    if (resourceScope?.query !== undefined) {
      return {
        ok: false,
        description:
          `Scope "${requested}" narrows access by a query, which this server does not enforce; ` +
          `ask for "${requested.slice(0, requested.indexOf('?'))}" or leave the resource type out.`,
      };
    }
    const violation =
      resourceScope && rules ? scopeRuleViolation(resourceScope, requested, rules) : undefined;
    if (violation) {
      return { ok: false, description: violation };
    }
    if (resourceScope?.context === 'system') {
      return {
        ok: false,
        description: `Scope "${requested}" is for backend services; use patient/ or user/ scopes.`,
      };
    }
    if (ceiling && !ceiling.has(requested)) {
      return { ok: false, description: `Scope "${requested}" is outside the scope this client registered.` };
    }
  }
  return { ok: true, scopes: [...new Set(scopes)] };
}

export interface GrantSituation {
  /** An EHR launch supplied the context. */
  readonly ehrLaunch: boolean;
  readonly patient?: string;
  readonly encounter?: string;
  readonly clientMayRefresh: boolean;
}

/**
 * The scopes actually granted: the requested ones minus those the situation cannot honour. Patient
 * scopes without a patient in context are dropped (an access token must never carry patient/ scopes
 * without the patient they are about), as are launch context scopes the server could not fill.
 */
export function grantScopes(requested: readonly string[], situation: GrantSituation): string[] {
  const offline = requested.includes('offline_access') && situation.clientMayRefresh;
  return requested.filter((scope) => {
    switch (scope) {
      case 'launch':
        return situation.ehrLaunch;
      case 'launch/patient':
        return situation.patient !== undefined;
      case 'launch/encounter':
        return situation.encounter !== undefined;
      case 'offline_access':
        return offline;
      case 'online_access':
        // When both are asked for, offline access covers online access.
        return situation.clientMayRefresh && !offline;
      default:
        return parseResourceScope(scope)?.context !== 'patient' || situation.patient !== undefined;
    }
  });
}

export function splitScopes(scope: string): string[] {
  return scope.split(' ').filter((part) => part !== '');
}

export function grantsRefresh(scope: string): boolean {
  const scopes = splitScopes(scope);
  return scopes.includes('offline_access') || scopes.includes('online_access');
}

const ACTION_WORDS: Record<string, string> = {
  c: 'create',
  r: 'read',
  u: 'update',
  d: 'delete',
  s: 'search',
};

const OTHER_SCOPE_WORDS: Record<string, string> = {
  openid: 'Know who you are',
  fhirUser: 'Know your user record in the EHR',
  profile: 'Know your name',
  launch: 'Receive the context the EHR launched it in',
  'launch/patient': 'Know which patient you selected',
  'launch/encounter': 'Know which encounter you selected',
  offline_access: 'Keep access after you sign out',
  online_access: 'Keep access while you stay signed in',
};

/** Plain words for the consent page. */
export function describeScope(scope: string): string {
  const parsed = parseResourceScope(scope);
  if (!parsed) {
    return OTHER_SCOPE_WORDS[scope] ?? scope;
  }
  const actions = [...parsed.actions].map((action) => ACTION_WORDS[action] ?? action).join(', ');
  const what = parsed.resourceType === '*' ? 'all records' : `${parsed.resourceType} records`;
  const whose = parsed.context === 'patient' ? 'of the selected patient' : 'you can access';
  return `${actions.charAt(0).toUpperCase()}${actions.slice(1)} ${what} ${whose}`;
}
