import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../mocks/sandbox/server';
import { DIST_DIR } from './global-setup';

/**
 * A sandbox EHR on free ports with its own empty data folder, serving the production build.
 * `{ ehr: 'epic' }` or `{ ehr: 'oracle' }` runs that vendor personality (default the open server).
 */
export async function startTestSandbox(
  options: Partial<Omit<SandboxOptions, 'dataDir' | 'app'>> = {},
): Promise<Sandbox & { dispose(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'peerbridge-sandbox-'));
  const sandbox = await startSandbox({
    ehrPort: 0,
    appPort: 0,
    dataDir,
    app: { mode: 'dist', dir: DIST_DIR },
    ...options,
  });
  return {
    ...sandbox,
    async dispose() {
      await sandbox.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;
