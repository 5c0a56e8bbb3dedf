/**
 * The demo EHR's authorization endpoint. A navigation, so a page and not an msw handler (service
 * workers do not answer navigations in msw). It checks the request as a SMART server must (client,
 * audience, redirect on this site, PKCE S256), signs the visitor in as the person they picked, and
 * sends the browser back with a code: https://hl7.org/fhir/smart-app-launch/app-launch.html#obtain-authorization-code
 */
import { showDemoBanner } from '../shell/demo-banner';
import { encodeBase64Url, readLaunchContext, type DemoAuthorizationCode } from '../smart/demo-launch-context';
import { DEMO_CLIENT_ID, demoSite } from '../smart/demo-site';

function refuse(message: string): void {
  const root = document.getElementById('authorize');
  const heading = document.createElement('h1');
  heading.textContent = 'The demo EHR refused the sign-in';
  const detail = document.createElement('p');
  detail.textContent = message;
  root?.replaceChildren(heading, detail);
}

function authorize(): void {
  showDemoBanner();
  const site = demoSite(window.location.href, 1);
  const params = new URL(window.location.href).searchParams;
  const redirectUri = params.get('redirect_uri') ?? '';
  if (params.get('client_id') !== DEMO_CLIENT_ID) {
    refuse(`Unknown client_id; the demo EHR knows only ${DEMO_CLIENT_ID}.`);
    return;
  }
  if (!redirectUri.startsWith(site.base)) {
    refuse('redirect_uri is not on this demo site.');
    return;
  }
  if (params.get('aud') !== site.fhirBase) {
    refuse(`aud must be the demo FHIR server, ${site.fhirBase}.`);
    return;
  }
  const context = readLaunchContext(params.get('launch') ?? '');
  const challenge = params.get('code_challenge');
  if (!context || !challenge || params.get('code_challenge_method') !== 'S256') {
    refuse('The request lacks a launch from the demo start page or a PKCE S256 code challenge.');
    return;
  }
  const code: DemoAuthorizationCode = {
    context,
    codeChallenge: challenge,
    redirectUri,
    scope: params.get('scope') ?? '',
  };
  const back = new URL(redirectUri);
  back.searchParams.set('code', encodeBase64Url(JSON.stringify(code)));
  back.searchParams.set('state', params.get('state') ?? '');
  window.location.replace(back.href);
}

authorize();
