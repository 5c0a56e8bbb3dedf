import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { assertChromiumInstalled } from './chromium';

/**
 * Where the app is built and served from. PEERBRIDGE_DIST_DIR lets two browser runs share a checkout
 * without one rebuilding the other's dist/ in the middle of its tests.
 */
export const DIST_DIR =
  process.env.PEERBRIDGE_DIST_DIR ?? fileURLToPath(new URL('../../../dist', import.meta.url));

/** Fails fast with one line when Chromium is missing, then builds the app the tests serve. */
export default async function setup(): Promise<void> {
  assertChromiumInstalled();
  await build({
    root: fileURLToPath(new URL('../../..', import.meta.url)),
    logLevel: 'warn',
    build: { outDir: DIST_DIR, emptyOutDir: true },
  });
}
