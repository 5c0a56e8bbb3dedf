import type { ReadonlySignal } from '@preact/signals';
import { ErrorScreen } from './ErrorScreen';
import type { Screen } from './screen';
import { Workspace } from './Workspace';

export function App({ screen }: { screen: ReadonlySignal<Screen> }) {
  const current = screen.value;
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
      return <Workspace launch={current.launch} context={current.context} session={current.session} />;
  }
}
