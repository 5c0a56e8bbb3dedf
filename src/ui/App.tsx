import type { FhirSession } from '../fhir/smart-session';
import { ErrorScreen } from './ErrorScreen';
import { useLazyComponent } from './lazy-view';
import type { ServerSetup } from './screen';
import { useScreen, type ScreenState } from './screen-state';
import { Workspace } from './Workspace';

const loadHome = () => import('./home/HomeWorkspace').then((module) => module.HomeWorkspace);

/** The workspace of a launch without a patient, in its own chunk: chart launches never load it. */
function LazyHome(props: { session: FhirSession; server: ServerSetup }) {
  const Home = useLazyComponent(loadHome);
  if (Home === 'loading') {
    return (
      <main class="screen-message">
        <p class="progress" role="status">
          Opening PeerBridge…
        </p>
      </main>
    );
  }
  if (Home === 'failed') {
    return (
      <ErrorScreen
        kind="error"
        title="PeerBridge could not open"
        message="Its home screen did not load. Check your connection and reload the page."
      />
    );
  }
  return <Home {...props} />;
}

export function App({ screen }: { screen: ScreenState }) {
  const current = useScreen(screen);
  switch (current.kind) {
    case 'loading':
      return (
        <main class="screen-message">
          <p class="progress" role="status">
            {current.text}
          </p>
        </main>
      );
    case 'error':
      return <ErrorScreen {...current} />;
    case 'user-level':
      return <LazyHome session={current.session} server={current.server} />;
    case 'ready':
      return (
        <Workspace
          launch={current.launch}
          context={current.context}
          session={current.session}
          server={current.server}
        />
      );
  }
}
