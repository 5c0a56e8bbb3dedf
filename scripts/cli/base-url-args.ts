import { parseArgs, type ParseArgsConfig } from 'node:util';

/** The string flags a command takes besides `--help` (and, for preflight, `--json`). */
export type StringFlags<K extends string> = Readonly<Record<K, { readonly type: 'string' }>>;

export type BaseUrlArgs<K extends string> =
  | {
      readonly ok: true;
      readonly base: string;
      readonly strings: Readonly<Partial<Record<K, string>>>;
      readonly json: boolean;
    }
  | { readonly ok: false; readonly message: string };

/**
 * What preflight and register share: exactly one FHIR base URL, string flags, `--json` where the
 * command offers it, and `--help` (answered as a message-less failure, so the usage is printed).
 */
export function parseBaseUrlArgs<K extends string>(
  argv: readonly string[],
  strings: StringFlags<K>,
  withJson: boolean,
): BaseUrlArgs<K> {
  const options: NonNullable<ParseArgsConfig['options']> = {
    ...strings,
    ...(withJson ? { json: { type: 'boolean' } } : {}),
    help: { type: 'boolean', short: 'h' },
  };
  let values: Record<string, unknown>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, options }));
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  if (values.help === true) {
    return { ok: false, message: '' };
  }
  const [base, ...extra] = positionals;
  if (base === undefined || extra.length > 0) {
    return { ok: false, message: 'Give exactly one FHIR base URL.' };
  }
  const given: Partial<Record<K, string>> = {};
  for (const key of Object.keys(strings) as K[]) {
    const value = values[key];
    if (typeof value === 'string') {
      given[key] = value;
    }
  }
  return { ok: true, base, strings: given, json: values.json === true };
}
