import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import type { HomeTab } from './home-view';

interface HomeTabsProps {
  readonly tabs: readonly HomeTab[];
  readonly selected: string;
  readonly onSelect: (id: string) => void;
  /** The panel of each tab opened so far, kept mounted so its state survives a switch. */
  readonly panel: (tab: HomeTab) => ComponentChildren;
  readonly opened: ReadonlySet<string>;
}

export const tabId = (id: string): string => `home-tab-${id}`;
export const panelId = (id: string): string => `home-panel-${id}`;

/**
 * The home workspace's tabs, as the WAI-ARIA tabs pattern with automatic activation: one tab stop
 * for the list, arrow keys (and Home/End) move between tabs and select them, Tab goes to the panel.
 * https://www.w3.org/WAI/ARIA/apg/patterns/tabs/
 */
export function HomeTabs({ tabs, selected, onSelect, panel, opened }: HomeTabsProps) {
  const list = useRef<HTMLDivElement>(null);
  const move = (event: KeyboardEvent, index: number) => {
    const last = tabs.length - 1;
    const targets: Record<string, number> = {
      ArrowRight: index === last ? 0 : index + 1,
      ArrowLeft: index === 0 ? last : index - 1,
      Home: 0,
      End: last,
    };
    const target = targets[event.key];
    const tab = target === undefined ? undefined : tabs[target];
    if (!tab) {
      return;
    }
    event.preventDefault();
    onSelect(tab.id);
    list.current?.querySelector<HTMLElement>(`#${tabId(tab.id)}`)?.focus();
  };
  return (
    <>
      {tabs.length > 1 ? (
        <div class="home-tabs" role="tablist" aria-label="PeerBridge" ref={list}>
          {tabs.map((tab, index) => (
            <button
              key={tab.id}
              type="button"
              role="tab"
              id={tabId(tab.id)}
              class="home-tab"
              aria-selected={tab.id === selected}
              aria-controls={panelId(tab.id)}
              tabIndex={tab.id === selected ? 0 : -1}
              onClick={() => onSelect(tab.id)}
              onKeyDown={(event) => move(event, index)}
            >
              {tab.label}
            </button>
          ))}
        </div>
      ) : null}
      {tabs
        .filter((tab) => opened.has(tab.id))
        .map((tab) => (
          <section
            key={tab.id}
            id={panelId(tab.id)}
            class="home-panel"
            {...(tabs.length > 1
              ? { role: 'tabpanel', 'aria-labelledby': tabId(tab.id), tabIndex: 0 }
              : { 'aria-label': tab.label })}
            hidden={tab.id !== selected}
          >
            {panel(tab)}
          </section>
        ))}
    </>
  );
}
