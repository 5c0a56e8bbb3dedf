/**
 * A sandbox EHR on free loopback ports for the script tests. Preflight and registration talk only to
 * the EHR, so the app is served from an empty folder instead of a build.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../mocks/sandbox/server';

export interface ScriptsSandbox extends Sandbox {
  /** Where the sandbox keeps its data, signing key and reset secret. */
  readonly dataDir: string;
  dispose(): Promise<void>;
}

export async function startScriptsSandbox(
  options: Pick<SandboxOptions, 'ehr'> = {},
): Promise<ScriptsSandbox> {
  const folder = await mkdtemp(join(tmpdir(), 'peerbridge-scripts-'));
  const appDir = join(folder, 'app');
  const dataDir = join(folder, 'data');
  const sandbox = await startSandbox({
    ehrPort: 0,
    appPort: 0,
    dataDir,
    app: { mode: 'dist', dir: appDir },
    ...options,
  });
  return {
    ...sandbox,
    dataDir,
    async dispose() {
      await sandbox.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}
