/** `npm run preflight -- <fhir base URL> [--json] [--client-id X] [--redirect-uri URL]` */
import { parseBaseUrlArgs } from '../cli/base-url-args';
import { EXIT, type CommandIo } from '../cli/command-io';
import { formatReportTable } from './report-table';
import { runPreflight } from './run-preflight';

export const PREFLIGHT_USAGE = `Usage: npm run preflight -- <FHIR base URL> [--json] [--client-id ID] [--redirect-uri URL]

Checks a FHIR server's SMART configuration and CapabilityStatement against what PeerBridge needs.
  --json               print one JSON object instead of the table
  --client-id ID       also check that the authorization server accepts this client id
  --redirect-uri URL   the redirect URI registered with that client id (default on localhost:
                       http://localhost:5173/)
Exit code: 0 when nothing fails (warnings allowed), 1 when a check fails, 2 on a usage error.
See docs/it/check.md.
`;

type Parsed =
  | {
      readonly ok: true;
      readonly base: string;
      readonly json: boolean;
      readonly clientId?: string;
      readonly redirectUri?: string;
    }
  | { readonly ok: false; readonly message: string };

function parse(argv: readonly string[]): Parsed {
  const args = parseBaseUrlArgs(
    argv,
    { 'client-id': { type: 'string' }, 'redirect-uri': { type: 'string' } },
    true,
  );
  if (!args.ok) {
    return args;
  }
  const { base, strings, json } = args;
  try {
    new URL(base);
  } catch {
    return {
      ok: false,
      message: `"${base}" is not a URL: give the FHIR base URL, e.g. https://ehr.example.org/fhir/r4.`,
    };
  }
  return {
    ok: true,
    base,
    json,
    ...(strings['client-id'] === undefined ? {} : { clientId: strings['client-id'] }),
    ...(strings['redirect-uri'] === undefined ? {} : { redirectUri: strings['redirect-uri'] }),
  };
}

export async function preflightCli(argv: readonly string[], io: CommandIo): Promise<number> {
  const args = parse(argv);
  if (!args.ok) {
    io.stderr(`${args.message === '' ? '' : `${args.message}\n\n`}${PREFLIGHT_USAGE}`);
    return args.message === '' ? EXIT.ok : EXIT.usage;
  }
  const report = await runPreflight({
    base: args.base,
    ...(args.clientId === undefined ? {} : { clientId: args.clientId }),
    ...(args.redirectUri === undefined ? {} : { redirectUri: args.redirectUri }),
    ...(io.fetchImpl === undefined ? {} : { fetchImpl: io.fetchImpl }),
  });
  io.stdout(args.json ? `${JSON.stringify(report, null, 2)}\n` : formatReportTable(report));
  return report.summary.fail > 0 ? EXIT.failed : EXIT.ok;
}
