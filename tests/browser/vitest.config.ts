import { defineConfig } from 'vitest/config';

// Browser tests: real Chromium (Debian's, through playwright-core) against the sandbox EHR.
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/browser/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/browser/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each file starts its own sandbox and browser; two cores, so two at a time.
    maxWorkers: 2,
  },
});
