import FHIR from 'fhirclient';

interface FhirclientSettings {
  refreshTokenWithClientId?: boolean;
  fullSessionStorageSupport?: boolean;
  replaceBrowserHistory?: boolean;
}

/**
 * fhirclient's global settings, set the same way on the launch page and the app page before either
 * calls it. fhirclient's typings call this object `options`; the browser build exposes it as
 * `settings`.
 *
 * - `fullSessionStorageSupport: false`: by default fhirclient keeps one `SMART_KEY` per tab and
 *   origin, so a second launch in another frame of the same EHR page replaces the first one's key
 *   (and `authorize()` even deletes the first launch's state), and a reload after the redirect reads
 *   whichever launch is current: the first frame continues as the second frame's patient. Without it
 *   each launch's state stays keyed by its own OAuth `state`, which stays in the app page's URL, so
 *   a reload, or a duplicated tab, finds its own launch (smart-on-fhir/client-js PR #13, issue #157;
 *   Oracle Health's "HTML5 session storage" guidance for PowerChart).
 * - `replaceBrowserHistory: true`: the one-time `code` leaves the address bar after the exchange.
 * - `refreshTokenWithClientId: true`: public clients must name themselves when refreshing (Epic and
 *   others refuse otherwise).
 */
export function configureFhirclient(): void {
  const oauth2 = FHIR.oauth2 as unknown as { settings?: FhirclientSettings };
  if (oauth2.settings) {
    oauth2.settings.fullSessionStorageSupport = false;
    oauth2.settings.replaceBrowserHistory = true;
    oauth2.settings.refreshTokenWithClientId = true;
  }
}
