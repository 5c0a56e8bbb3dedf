import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { SandboxOptions } from '../../../mocks/sandbox/server';
import { launchChromium } from './chromium';
import { startTestSandbox, type TestSandbox } from './test-sandbox';

export interface BrowserSuite {
  /** The file's own sandbox EHR, started before its first test. */
  readonly sandbox: TestSandbox;
  readonly browser: Browser;
  /** A fresh browser context (a fresh workstation) for each test, when asked for. */
  readonly context: BrowserContext;
}

export interface BrowserSuiteOptions {
  readonly sandbox?: Partial<Omit<SandboxOptions, 'dataDir' | 'app'>>;
  /** Open a new browser context before each test and close it after. */
  readonly contextPerTest?: boolean;
  /** Restore the sandbox's seed before each test, so tests do not see each other's notes. */
  readonly resetDataPerTest?: boolean;
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) {
    throw new Error(`${what} is used before the suite started it (use it inside a test or hook)`);
  }
  return value;
}

/**
 * Starts one sandbox EHR and one Chromium for the test file, on free ports, and stops them after:
 * the setup every browser test file shares.
 */
export function useBrowserSuite(options: BrowserSuiteOptions = {}): BrowserSuite {
  let sandbox: TestSandbox | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    sandbox = await startTestSandbox(options.sandbox);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await sandbox?.dispose();
  });
  if (options.contextPerTest || options.resetDataPerTest) {
    beforeEach(async () => {
      if (options.resetDataPerTest) {
        await required(sandbox, 'The sandbox').fhir.reset();
      }
      if (options.contextPerTest) {
        context = await required(browser, 'The browser').newContext();
      }
    });
    afterEach(async () => {
      await context?.close();
      context = undefined;
    });
  }

  return {
    get sandbox() {
      return required(sandbox, 'The sandbox');
    },
    get browser() {
      return required(browser, 'The browser');
    },
    get context() {
      return required(context, 'The browser context');
    },
  };
}
