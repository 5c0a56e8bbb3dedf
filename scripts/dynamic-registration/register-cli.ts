/**
 * `npm run register -- <fhir base URL> [--config FILE] [--redirect-uri URL] [--label TEXT]`: registers
 * PeerBridge by OAuth 2.0 Dynamic Client Registration (RFC 7591) where the server offers it, and
 * writes the issuer and its client id into the runtime configuration.
 */
import { RuntimeConfigError } from '../../launch/runtime-config';
import { parseBaseUrlArgs } from '../cli/base-url-args';
import { EXIT, type CommandIo } from '../cli/command-io';
import { describeUnusableAnswer, fetchJson } from '../cli/fetch-json';
import { isRecord, optionalString } from '../cli/json-values';
import { defaultRedirectUri, endpointUrlProblem, smartConfigurationUrl, trimBase } from '../cli/urls';
import { ConfigFileError, DEFAULT_CONFIG_PATH, readConfigFile, writeConfigFile } from './config-file';
import { upsertIssuer } from './issuer-entry';
import { readRegistrationAnswer, registrationMetadata } from './registration-request';

export const REGISTER_USAGE = `Usage: npm run register -- <FHIR base URL> [--config FILE] [--redirect-uri URL] [--label TEXT]

Registers PeerBridge as a public client (PKCE, no secret) with the server's dynamic registration
endpoint, then adds or updates the issuer in the runtime configuration.
  --config FILE        runtime configuration to update (default ${DEFAULT_CONFIG_PATH})
  --redirect-uri URL   PeerBridge's app page as served, e.g.
                       https://apps.example-hospital.org/peerbridge/
                       (required unless the server runs on localhost: then http://localhost:5173/)
  --label TEXT         a name for people, e.g. "Test EHR"
Exit code: 0 registered and written, 1 failed (configuration untouched), 2 usage error or no
dynamic registration on this server. See docs/it/check.md.
`;

export const NO_DYNAMIC_REGISTRATION =
  'This server does not offer dynamic registration: register by hand with the sheet from npm run registration.';

interface RegisterArgs {
  readonly base: string;
  readonly configPath: string;
  readonly redirectUri?: string;
  readonly label?: string;
}

type Parsed =
  { readonly ok: true; readonly args: RegisterArgs } | { readonly ok: false; readonly message: string };

function parse(argv: readonly string[]): Parsed {
  const parsed = parseBaseUrlArgs(
    argv,
    { config: { type: 'string' }, 'redirect-uri': { type: 'string' }, label: { type: 'string' } },
    false,
  );
  if (!parsed.ok) {
    return parsed;
  }
  const { base, strings: values } = parsed;
  const problem = endpointUrlProblem(base);
  if (problem !== undefined) {
    return { ok: false, message: `The FHIR base URL is not usable: ${problem}.` };
  }
  return {
    ok: true,
    args: {
      base: trimBase(base),
      configPath: values.config ?? DEFAULT_CONFIG_PATH,
      ...(values['redirect-uri'] === undefined ? {} : { redirectUri: values['redirect-uri'] }),
      ...(values.label === undefined ? {} : { label: values.label }),
    },
  };
}

class RegisterError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failed,
  ) {
    super(message);
    this.name = 'RegisterError';
  }
}

function chooseRedirectUri(args: RegisterArgs): string {
  const redirectUri = args.redirectUri ?? defaultRedirectUri(args.base);
  if (redirectUri === undefined) {
    throw new RegisterError(
      'Give --redirect-uri: the address of PeerBridge’s app page as your users reach it, e.g. ' +
        'https://apps.example-hospital.org/peerbridge/ (it must match what the app sends, to the trailing slash).',
    );
  }
  const problem = endpointUrlProblem(redirectUri);
  if (problem !== undefined) {
    throw new RegisterError(`The redirect URI is not usable: ${problem}.`);
  }
  return redirectUri;
}

async function findRegistrationEndpoint(base: string, fetchImpl: typeof fetch | undefined): Promise<string> {
  const url = smartConfigurationUrl(base);
  const answer = await fetchJson(url, fetchImpl === undefined ? {} : { fetchImpl });
  if (answer.kind !== 'json') {
    throw new RegisterError(
      `${describeUnusableAnswer(url, answer)} Run npm run preflight -- ${base} for details.`,
    );
  }
  if (answer.status < 200 || answer.status > 299 || !isRecord(answer.body)) {
    throw new RegisterError(
      `${url} answered HTTP ${answer.status} without a SMART configuration. Run npm run preflight -- ${base} for details.`,
    );
  }
  const endpoint = optionalString(answer.body.registration_endpoint);
  if (endpoint === undefined) {
    throw new RegisterError(NO_DYNAMIC_REGISTRATION, EXIT.usage);
  }
  const problem = endpointUrlProblem(endpoint);
  if (problem !== undefined) {
    throw new RegisterError(
      `The registration endpoint is not usable: ${problem}. ${NO_DYNAMIC_REGISTRATION}`,
    );
  }
  return endpoint;
}

async function register(args: RegisterArgs, io: CommandIo): Promise<void> {
  const redirectUri = chooseRedirectUri(args);
  const current = await readConfigFile(args.configPath);
  // Refuse before registering anything when the result could not be written (e.g. an http issuer).
  upsertIssuer(current, { iss: args.base, clientId: 'not-yet-registered' });

  const endpoint = await findRegistrationEndpoint(args.base, io.fetchImpl);
  const answer = await fetchJson(endpoint, {
    method: 'POST',
    body: registrationMetadata(redirectUri),
    ...(io.fetchImpl === undefined ? {} : { fetchImpl: io.fetchImpl }),
  });
  if (answer.kind !== 'json') {
    throw new RegisterError(`Registration failed: ${describeUnusableAnswer(endpoint, answer)}`);
  }
  const registered = readRegistrationAnswer(answer.status, answer.body);
  if (!registered.ok) {
    throw new RegisterError(`Registration failed at ${endpoint}: ${registered.message}`);
  }
  const client = registered.client;
  const updated = upsertIssuer(current, {
    iss: args.base,
    clientId: client.clientId,
    ...(args.label === undefined ? {} : { label: args.label }),
  });
  try {
    await writeConfigFile(args.configPath, updated.config);
  } catch (error) {
    // The client exists now: say so, or IT would register again and leave an orphan behind.
    const reason = error instanceof Error ? error.message : String(error);
    throw new RegisterError(
      `Registered client_id ${client.clientId} at ${endpoint}, but the configuration was not written: ${reason}\n` +
        `Add {"iss": "${args.base}", "clientId": "${client.clientId}"} to the issuers by hand.`,
    );
  }

  const lines = [
    `Registered PeerBridge at ${endpoint}`,
    `  client_id:     ${client.clientId}`,
    `  redirect URIs: ${client.redirectUris.join(', ') || redirectUri}`,
    `  grant types:   ${client.grantTypes.join(', ') || '(not stated)'}`,
    `  client type:   public (token_endpoint_auth_method ${client.tokenEndpointAuthMethod ?? 'none'}, PKCE S256; no secret)`,
    `${updated.action === 'added' ? 'Added' : 'Updated'} issuer ${updated.entry.iss} in ${args.configPath}.`,
  ];
  const warnings = [
    ...(client.issuedSecret || (client.tokenEndpointAuthMethod ?? 'none') !== 'none'
      ? [
          'Warning: the server registered a confidential client; a browser app cannot keep a secret. Register by hand as a public client.',
        ]
      : []),
    ...(client.redirectUris.length > 0 && !client.redirectUris.includes(redirectUri)
      ? [
          `Warning: the server registered other redirect URIs than ${redirectUri}; launches will fail with a redirect mismatch.`,
        ]
      : []),
    ...(updated.entry.redirectUri !== undefined && updated.entry.redirectUri !== redirectUri
      ? [
          `Warning: the issuer keeps its redirectUri override ${updated.entry.redirectUri}, which is not the one registered.`,
        ]
      : []),
    ...(client.grantTypes.length > 0 && !client.grantTypes.includes('refresh_token')
      ? ['Warning: no refresh_token grant: sessions end when the first access token expires.']
      : []),
  ];
  io.stdout(
    `${[...lines, ...warnings].join('\n')}\nNext: npm run preflight -- ${args.base} --client-id ${client.clientId}\n`,
  );
}

export async function registerCli(argv: readonly string[], io: CommandIo): Promise<number> {
  const parsed = parse(argv);
  if (!parsed.ok) {
    io.stderr(`${parsed.message === '' ? '' : `${parsed.message}\n\n`}${REGISTER_USAGE}`);
    return parsed.message === '' ? EXIT.ok : EXIT.usage;
  }
  try {
    await register(parsed.args, io);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof RegisterError) {
      io.stderr(`${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof ConfigFileError || error instanceof RuntimeConfigError) {
      io.stderr(`${error.message}\nNothing was registered or written.\n`);
      return EXIT.failed;
    }
    throw error;
  }
}
