import { defineConfig } from 'vitest/config';

// Unit and integration tests in Node. The Chromium suite has its own config in tests/browser/.
export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'launch/**/*.test.ts', 'tests/**/*.test.{ts,tsx}'],
    exclude: ['tests/browser/**', 'node_modules/**'],
    environment: 'node',
    // Some tests load Medplum's R4 definitions or the whole seed (1-2 s alone); on a shared two-core
    // machine under load they take five times that, and vitest's 5 s default turned them into flakes.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
