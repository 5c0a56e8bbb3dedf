import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * Loads a screen's code only when the user needs it: peers never download the clinician view, and
 * the launch's first paint does not wait for either.
 */
export function useLazyComponent<P>(
  load: () => Promise<ComponentType<P>>,
): ComponentType<P> | 'loading' | 'failed' {
  const [state, setState] = useState<{ component?: ComponentType<P>; failed?: boolean }>({});
  useEffect(() => {
    let current = true;
    load().then(
      (component) => {
        if (current) {
          setState({ component });
        }
      },
      () => {
        if (current) {
          setState({ failed: true });
        }
      },
    );
    return () => {
      current = false;
    };
    // The loader is a module import: it never changes for a mounted screen.
  }, []);
  if (state.failed) {
    return 'failed';
  }
  return state.component ?? 'loading';
}
