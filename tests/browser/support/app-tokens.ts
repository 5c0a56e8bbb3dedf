import type { Page } from 'playwright-core';

/**
 * Reads the access token fhirclient keeps in the app frame's sessionStorage, so a test can call the
 * FHIR API with exactly what the app was granted. Test code only: the app itself never exposes it.
 * Each launch is stored under its own OAuth `state`, which the app page keeps in its address
 * (docs/decisions/0011-one-launch-one-state-key.md).
 */
export async function readAppAccessToken(page: Page, appOrigin: string): Promise<string> {
  const frame = page.frames().find((f) => f.url().startsWith(appOrigin));
  if (!frame) {
    throw new Error('PeerBridge frame not found');
  }
  return frame.evaluate(() => {
    const key = new URL(window.location.href).searchParams.get('state') ?? '';
    const state = JSON.parse(sessionStorage.getItem(key) ?? '{}') as {
      tokenResponse?: { access_token?: string };
    };
    return state.tokenResponse?.access_token ?? '';
  });
}
