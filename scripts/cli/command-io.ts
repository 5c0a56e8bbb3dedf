/** Where a command writes, so tests run it in-process and read what a person would see. */
export interface CommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Replaced by tests that serve fake hosts; real runs use the global fetch. */
  readonly fetchImpl?: typeof fetch;
}

export const processIo: CommandIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Exit codes shared by preflight and register. */
export const EXIT = {
  ok: 0,
  /** A check failed, or the command could not do its job. */
  failed: 1,
  /** The command cannot run as asked: bad arguments, or (register) no dynamic registration. */
  usage: 2,
} as const;

/** Last line of defence: a message in words, never a stack trace. */
export function unexpectedErrorMessage(command: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `${command} stopped unexpectedly: ${message}\n`;
}
