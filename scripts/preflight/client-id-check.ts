/** The `--client-id` check: does the authorization server accept this registration? */
import type { AuthorizeProbeOutcome } from './authorize-probe';
import { check, passed, type CheckResult } from './check-result';

export function checkClientId(
  clientId: string,
  redirectUri: string,
  outcome: AuthorizeProbeOutcome,
): CheckResult {
  const id = 'auth.client-id';
  const title = `Client ${clientId} with redirect ${redirectUri}`;
  switch (outcome.kind) {
    case 'accepted':
      return passed(
        id,
        title,
        `The authorization server ${outcome.detail} (HTTP ${outcome.status}). A server that shows errors on ` +
          'an ordinary page cannot be told apart: launch once to be sure.',
      );
    case 'refused':
      return check(
        id,
        title,
        'fail',
        `The authorization server refused the request (HTTP ${outcome.status}): ${outcome.detail}`,
        'Check the client id and that the redirect URI is registered exactly (scheme, host, port, path and ' +
          'trailing slash); see docs/it/troubleshooting.md for invalid_client and redirect mismatch.',
      );
    case 'unreachable':
      return check(
        id,
        title,
        'fail',
        `The authorization endpoint could not be reached: ${outcome.reason}`,
        'Check the network path from this machine to the authorization server.',
      );
  }
}
