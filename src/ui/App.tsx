import { ErrorScreen } from './ErrorScreen';
import { useScreen, type ScreenState } from './screen-state';
import { Workspace } from './Workspace';

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
