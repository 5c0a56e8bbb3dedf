/** Runs a command's CLI function in-process and keeps what it printed and its exit code. */
import type { CommandIo } from '../../../scripts/cli/command-io';

export interface CommandRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCommand(
  cli: (argv: readonly string[], io: CommandIo) => Promise<number>,
  argv: readonly string[],
): Promise<CommandRun> {
  let stdout = '';
  let stderr = '';
  const code = await cli(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}
