/** Runs an npm script's entry file as IT would, in a child process, to see its real exit code. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';

export interface ScriptRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const ROOT = join(import.meta.dirname, '..', '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

export function runScript(entry: string, args: readonly string[], cwd = ROOT): Promise<ScriptRun> {
  return new Promise((resolve) => {
    execFile(TSX, [join(ROOT, entry), ...args], { cwd, timeout: 60_000 }, (error, stdout, stderr) => {
      let code = 0;
      if (error !== null) {
        code = typeof error.code === 'number' ? error.code : 1;
      }
      resolve({ code, stdout, stderr });
    });
  });
}
