import './demo.css';

export const DEMO_NOTICE = 'Demo — synthetic data, nothing is sent anywhere';

/**
 * Marks the page as the demo. Added by the demo's own entry scripts, never by the app's code, so the
 * real build cannot show it and the demo cannot lose it.
 */
export function showDemoBanner(): void {
  const banner = document.createElement('p');
  banner.className = 'demo-banner';
  banner.setAttribute('role', 'note');
  banner.textContent = DEMO_NOTICE;
  document.body.prepend(banner);
}

/** Shown instead of the page when the in-browser EHR cannot start (e.g. service workers are off). */
export function showDemoFailure(root: HTMLElement, error: unknown): void {
  const heading = document.createElement('h1');
  heading.textContent = 'The demo could not start';
  const detail = document.createElement('p');
  detail.textContent = `It needs a service worker, which this browser refused (${error instanceof Error ? error.message : String(error)}). Open the demo over https (or on localhost) in a normal, non-private window.`;
  root.replaceChildren(heading, detail);
}
