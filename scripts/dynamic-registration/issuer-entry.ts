/** Adds or updates one issuer in the runtime configuration, keeping everything else as it was. */
import {
  normalizeIssuer,
  parseRuntimeConfig,
  type IssuerConfig,
  type RuntimeConfig,
} from '../../launch/runtime-config';

export interface IssuerUpdate {
  readonly iss: string;
  readonly clientId: string;
  readonly label?: string;
}

export interface UpdatedConfig {
  readonly config: RuntimeConfig;
  readonly action: 'added' | 'updated';
  readonly entry: IssuerConfig;
}

/**
 * Replaces the client id of the entry for the same issuer (compared as the app compares them), keeping
 * its scope and redirect URI overrides; the label changes only when a new one is given. The result is
 * validated with the app's own parser, so a file the app would refuse is never written.
 */
export function upsertIssuer(current: RuntimeConfig, update: IssuerUpdate): UpdatedConfig {
  const wanted = normalizeIssuer(update.iss);
  const index = current.issuers.findIndex((issuer) => normalizeIssuer(issuer.iss) === wanted);
  const previous = index >= 0 ? current.issuers[index] : undefined;
  const label = update.label ?? previous?.label;
  const entry: IssuerConfig = {
    ...previous,
    iss: previous?.iss ?? update.iss,
    clientId: update.clientId,
    ...(label === undefined ? {} : { label }),
  };
  const issuers =
    index >= 0
      ? current.issuers.map((issuer, i) => (i === index ? entry : issuer))
      : [...current.issuers, entry];
  return { config: parseRuntimeConfig({ issuers }), action: index >= 0 ? 'updated' : 'added', entry };
}
