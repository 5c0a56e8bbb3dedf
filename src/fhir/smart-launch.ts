import FHIR from 'fhirclient';
import { isRecord } from '../domain/guards';
import { configureFhirclient } from './fhirclient-settings';
import type { SmartClient } from './smart-session';

export interface AuthorizationError {
  readonly error: string;
  readonly description: string;
}

/**
 * What the address bar says about an authorization server's refusal: nothing, a refusal of a launch
 * this tab began, or an `error` whose `state` is not one of this tab's launches (a crafted link, or
 * another tab's), whose words must not be shown as if the EHR had said them.
 */
export type AuthorizationReply =
  | { readonly kind: 'none' }
  | { readonly kind: 'refused'; readonly error: AuthorizationError }
  | { readonly kind: 'unmatched' };

/**
 * True when `state` names a launch begun in this tab: fhirclient keeps each launch's state in this
 * tab's sessionStorage under its OAuth `state` value (see fhirclient-settings.ts).
 */
export function isLaunchOfThisTab(state: string, storage: Storage | undefined): boolean {
  let text: string | null | undefined;
  try {
    text = storage?.getItem(state);
  } catch {
    return false;
  }
  if (!text) {
    return false;
  }
  try {
    const saved: unknown = JSON.parse(text);
    return isRecord(saved) && saved.key === state;
  } catch {
    return false;
  }
}

/**
 * An authorization server that refuses sends the user back with `error` (RFC 6749 §4.1.2.1).
 * Read it only when its `state` is a launch of this tab, and take it out of the address bar so a
 * reload does not show it again.
 */
export function takeAuthorizationError(
  location: Location,
  history: History,
  storage: Storage | undefined,
): AuthorizationReply {
  const url = new URL(location.href);
  const error = url.searchParams.get('error');
  if (!error) {
    return { kind: 'none' };
  }
  const description = url.searchParams.get('error_description') ?? '';
  const state = url.searchParams.get('state') ?? '';
  for (const key of ['error', 'error_description', 'error_uri', 'state']) {
    url.searchParams.delete(key);
  }
  history.replaceState(history.state, '', url.href);
  if (state === '' || !isLaunchOfThisTab(state, storage)) {
    return { kind: 'unmatched' };
  }
  try {
    // The launch is over: its verifier and state have nothing left to protect.
    storage?.removeItem(state);
  } catch {
    // A storage we cannot reach holds nothing to clean.
  }
  return { kind: 'refused', error: { error, description } };
}

/** Completes the SMART flow on the redirect page (or restores this tab's session on reload). */
export async function completeSmartLaunch(): Promise<SmartClient> {
  configureFhirclient();
  return FHIR.oauth2.ready();
}
