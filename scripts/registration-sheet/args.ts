import { parseArgs } from 'node:util';

export interface RegistrationArgs {
  readonly format: 'markdown' | 'json';
  readonly baseUrl?: string;
  readonly help: boolean;
}

export const USAGE = `Usage: npm run registration -- [--markdown | --json] [--base-url <URL>]

Prints what an EHR's app registration asks for (Markdown by default).
  --base-url <URL>  where the static files are served, e.g. https://apps.example-hospital.org/peerbridge/
  --json            one JSON object instead of Markdown
  --markdown        Markdown (the default)`;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function parseRegistrationArgs(argv: readonly string[]): RegistrationArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        json: { type: 'boolean', default: false },
        markdown: { type: 'boolean', default: false },
        'base-url': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { json, markdown, help } = parsed.values;
  if (json && markdown) {
    throw new UsageError('Choose one of --json and --markdown.');
  }
  const baseUrl = parsed.values['base-url'];
  return { format: json ? 'json' : 'markdown', help, ...(baseUrl === undefined ? {} : { baseUrl }) };
}
