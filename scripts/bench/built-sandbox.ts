import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { startSandbox, type Sandbox } from '../../mocks/sandbox/server';
import { launchChromium } from '../../tests/browser/support/chromium';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Builds the app as IT deploys it, serves it from a fresh sandbox in a scratch folder and opens
 * Chromium, then runs `measure`; everything is closed and removed afterwards, also on failure.
 */
export async function withBuiltSandbox<T>(
  name: string,
  measure: (sandbox: Sandbox, browser: Browser, today: Date) => Promise<T>,
): Promise<T> {
  const scratch = await mkdtemp(join(tmpdir(), `peerbridge-bench-${name}-`));
  const distDir = join(scratch, 'dist');
  let sandbox: Sandbox | undefined;
  let browser: Browser | undefined;
  try {
    await build({
      root: ROOT,
      logLevel: 'silent',
      build: { outDir: distDir, emptyOutDir: true, sourcemap: false },
    });
    const today = new Date();
    sandbox = await startSandbox({
      ehrPort: 0,
      appPort: 0,
      dataDir: join(scratch, 'data'),
      app: { mode: 'dist', dir: distDir },
      today,
    });
    browser = await launchChromium();
    return await measure(sandbox, browser, today);
  } finally {
    await browser?.close();
    await sandbox?.close();
    await rm(scratch, { recursive: true, force: true });
  }
}
