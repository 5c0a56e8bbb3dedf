/** Entry point of `npm run preflight`; the work is in preflight-cli.ts. */
import { processIo, unexpectedErrorMessage, EXIT } from '../cli/command-io';
import { preflightCli } from './preflight-cli';

try {
  process.exitCode = await preflightCli(process.argv.slice(2), processIo);
} catch (error) {
  process.stderr.write(unexpectedErrorMessage('The preflight', error));
  process.exitCode = EXIT.failed;
}
