import { useEffect, useState } from 'preact/hooks';
import type { Screen } from './screen';

/**
 * The app page's one piece of state before a role's screen loads. A plain observable rather than a
 * signal, so the shell's first paint does not carry a state library; the peer and clinician screens
 * bring @preact/signals in their own chunks.
 */
export class ScreenState {
  private current: Screen;
  private readonly listeners = new Set<() => void>();

  constructor(initial: Screen) {
    this.current = initial;
  }

  get value(): Screen {
    return this.current;
  }

  set value(next: Screen) {
    this.current = next;
    for (const listener of this.listeners) {
      listener();
    }
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** The current screen, re-rendering when it changes. */
export function useScreen(state: ScreenState): Screen {
  const [screen, setScreen] = useState(state.value);
  useEffect(() => {
    setScreen(state.value);
    return state.subscribe(() => setScreen(state.value));
  }, [state]);
  return screen;
}
