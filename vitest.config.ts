import { defineConfig } from 'vitest/config';

// Unit and integration tests in Node. The Chromium suite has its own config in tests/browser/.
export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'launch/**/*.test.ts', 'tests/**/*.test.{ts,tsx}'],
    exclude: ['tests/browser/**', 'node_modules/**'],
    environment: 'node',
  },
});
