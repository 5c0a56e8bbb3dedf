/** Entry point of `npm run register`; the work is in register-cli.ts. */
import { EXIT, processIo, unexpectedErrorMessage } from '../cli/command-io';
import { registerCli } from './register-cli';

try {
  process.exitCode = await registerCli(process.argv.slice(2), processIo);
} catch (error) {
  process.stderr.write(unexpectedErrorMessage('Registration', error));
  process.exitCode = EXIT.failed;
}
