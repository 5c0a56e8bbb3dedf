/**
 * `npm run registration`: the registration sheet for the EHR team, as Markdown or JSON, on stdout.
 * Messages go to stderr so that `npm run --silent registration -- --json > sheet.json` stays valid JSON.
 */
import {
  buildRegistrationSheet,
  RegistrationSheetError,
  toMarkdown,
} from '../../registration/registration-sheet';
import { parseRegistrationArgs, UsageError, USAGE } from './args';
import { readProfiles } from './read-profiles';

async function main(argv: readonly string[]): Promise<number> {
  try {
    const args = parseRegistrationArgs(argv);
    if (args.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const sheet = buildRegistrationSheet({
      ...(args.baseUrl === undefined ? {} : { baseUrl: args.baseUrl }),
      profiles: await readProfiles(),
    });
    process.stdout.write(args.format === 'json' ? `${JSON.stringify(sheet, null, 2)}\n` : toMarkdown(sheet));
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof RegistrationSheetError) {
      process.stderr.write(`${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
