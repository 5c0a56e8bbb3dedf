/**
 * The launch page's screens. Built with DOM text nodes only: the issuer and error texts come from the
 * URL, so nothing here is ever parsed as HTML.
 */

export interface MessageAction {
  readonly label: string;
  readonly href: string;
  readonly newWindow?: boolean;
}

export interface LaunchMessage {
  readonly title: string;
  readonly paragraphs: readonly string[];
  /** Shown in a monospace block, e.g. the JSON IT must add. */
  readonly code?: string;
  readonly actions?: readonly MessageAction[];
  readonly tone?: 'error' | 'info';
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

export function renderLaunchMessage(root: HTMLElement, message: LaunchMessage): void {
  const section = element('section');
  section.className = message.tone === 'info' ? 'message' : 'message message--error';
  section.setAttribute('role', message.tone === 'info' ? 'status' : 'alert');
  const heading = element('h1', message.title);
  section.append(heading);
  for (const paragraph of message.paragraphs) {
    section.append(element('p', paragraph));
  }
  if (message.code !== undefined) {
    const pre = element('pre');
    pre.append(element('code', message.code));
    section.append(pre);
  }
  if (message.actions && message.actions.length > 0) {
    const list = element('ul');
    list.className = 'actions';
    for (const action of message.actions) {
      const item = element('li');
      const link = element('a', action.label);
      link.href = action.href;
      if (action.newWindow) {
        link.target = '_blank';
        link.rel = 'noopener';
      }
      item.append(link);
      list.append(item);
    }
    section.append(list);
  }
  root.replaceChildren(section);
  heading.tabIndex = -1;
  heading.focus();
}

export function renderProgress(root: HTMLElement, text: string): void {
  const paragraph = element('p', text);
  paragraph.className = 'progress';
  paragraph.setAttribute('role', 'status');
  root.replaceChildren(paragraph);
}
