/** The real launch page, after the in-browser EHR has started. */
import { showDemoBanner, showDemoFailure } from '../shell/demo-banner';
import { startDemoServer } from '../shell/demo-worker';
import { demoSite } from '../smart/demo-site';

showDemoBanner();
try {
  await startDemoServer(demoSite(window.location.href, 1));
  await import('../../../launch/main.ts');
} catch (error) {
  const root = document.getElementById('launch');
  if (root) {
    showDemoFailure(root, error);
  }
}
