import FHIR from 'fhirclient';
import { configureFhirclient } from '../src/fhir/fhirclient-settings';
import { decideLaunch } from './launch-flow';
import { renderLaunchMessage, renderProgress } from './launch-messages';
import { isEmbedded, isSessionStorageUsable } from './storage-check';
import '../src/ui/styles.css';

async function main(root: HTMLElement): Promise<void> {
  renderProgress(root, 'Connecting to your EHR…');
  const decision = await decideLaunch({
    pageUrl: new URL(window.location.href),
    fetch: window.fetch.bind(window),
    storageUsable: isSessionStorageUsable(),
    embedded: isEmbedded(),
  });
  if (decision.kind === 'message') {
    renderLaunchMessage(root, decision.message);
    return;
  }
  // Before fhirclient reads the URL: it would prefer the URL's iss, launch and clientId to the
  // configured ones, and the launch id has no business in the history or a bookmark.
  window.history.replaceState(null, '', decision.addressBarUrl);
  configureFhirclient();
  await FHIR.oauth2.authorize(decision.params);
}

const root = document.getElementById('launch');
if (root) {
  main(root).catch(() => {
    renderLaunchMessage(root, {
      title: 'PeerBridge could not start the sign-in',
      paragraphs: [
        'Something unexpected went wrong before reaching your EHR. Open PeerBridge again from the chart; if it keeps happening, tell your IT team.',
      ],
    });
  });
}
