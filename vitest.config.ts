import { defineConfig } from 'vitest/config';

// Unit and integration tests in Node. The Chromium suite has its own config in tests/browser/.
// Tests live under tests/, mirroring the folders they test; tests/boundaries/test-globs.test.ts fails
// on an include glob that matches nothing, so a test put elsewhere is noticed rather than never run.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    exclude: ['tests/browser/**', 'node_modules/**'],
    environment: 'node',
    // Some tests load Medplum's R4 definitions or the whole seed (1-2 s alone); on a shared two-core
    // machine under load they take five times that, and vitest's 5 s default turned them into flakes.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
