/** The real app page, after the in-browser EHR has started: it completes the SMART launch against it. */
import { showDemoBanner, showDemoFailure } from '../shell/demo-banner';
import { startDemoServer } from '../shell/demo-worker';
import { demoSite } from '../smart/demo-site';

showDemoBanner();
try {
  await startDemoServer(demoSite(window.location.href, 1));
  await import('../../../src/main.tsx');
} catch (error) {
  const root = document.getElementById('app');
  if (root) {
    showDemoFailure(root, error);
  }
}
