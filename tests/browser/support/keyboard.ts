import type { Frame, Page } from 'playwright-core';

/** What has keyboard focus in the app frame, as a person would describe it. */
export interface FocusedElement {
  readonly id: string;
  readonly tag: string;
  readonly type: string;
  /** The visible text of a button, or the text of the label of a form control. */
  readonly name: string;
}

/** The element with focus in the frame, or undefined while focus is elsewhere (e.g. the EHR page). */
export async function focusedElement(frame: Frame): Promise<FocusedElement | undefined> {
  return frame.evaluate(() => {
    const element = document.activeElement;
    if (!document.hasFocus() || !(element instanceof HTMLElement) || element === document.body) {
      return undefined;
    }
    const labels = 'labels' in element ? (element as HTMLInputElement).labels : null;
    const name = (labels?.[0]?.textContent ?? element.textContent).trim();
    return {
      id: element.id,
      tag: element.tagName.toLowerCase(),
      type: element.getAttribute('type') ?? '',
      name,
    };
  });
}

/**
 * Presses `key` (Tab by default) until the focused element in the app frame is the one wanted, as a
 * keyboard user would; fails naming where focus got stuck when it never arrives.
 */
export async function pressUntilFocused(
  page: Page,
  frame: Frame,
  wanted: (element: FocusedElement) => boolean,
  description: string,
  { key = 'Tab', maxPresses = 120 }: { key?: string; maxPresses?: number } = {},
): Promise<FocusedElement> {
  let last: FocusedElement | undefined;
  for (let press = 0; press < maxPresses; press++) {
    await page.keyboard.press(key);
    last = await focusedElement(frame);
    if (last && wanted(last)) {
      return last;
    }
  }
  throw new Error(
    `${description} never got keyboard focus after ${maxPresses} presses of ${key}; focus ended on ${
      last ? `<${last.tag}> "${last.name}" #${last.id}` : 'something outside PeerBridge'
    }.`,
  );
}
