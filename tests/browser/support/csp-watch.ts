import type { BrowserContext, ConsoleMessage } from 'playwright-core';

export interface CspViolation {
  readonly directive: string;
  readonly blocked: string;
  readonly source: string;
}

export interface CspWatch {
  /** `securitypolicyviolation` events from every document in every frame, in order. */
  readonly violations: CspViolation[];
  /** Console errors that mention the Content Security Policy (Chromium logs each refusal). */
  readonly consoleErrors: string[];
  /** Starts collecting console messages from a page of this context. */
  watchConsole(page: { on(event: 'console', listener: (message: ConsoleMessage) => void): unknown }): void;
}

/**
 * Reports CSP violations from every frame through a binding: the listener is installed by the
 * browser before any page script (so it sees the launch page too), and neither it nor the binding is
 * itself subject to the page's CSP.
 */
export async function watchCsp(context: BrowserContext): Promise<CspWatch> {
  const violations: CspViolation[] = [];
  const consoleErrors: string[] = [];
  await context.exposeBinding('__reportCspViolation', (_source, violation: CspViolation) => {
    violations.push(violation);
  });
  await context.addInitScript(() => {
    const report = (window as unknown as { __reportCspViolation: (v: CspViolation) => Promise<void> })
      .__reportCspViolation;
    document.addEventListener('securitypolicyviolation', (event) => {
      void report({
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        source: `${event.sourceFile}:${event.lineNumber}`,
      });
    });
  });
  return {
    violations,
    consoleErrors,
    watchConsole(page) {
      page.on('console', (message) => {
        if (/content security policy/i.test(message.text())) {
          consoleErrors.push(message.text());
        }
      });
    },
  };
}
