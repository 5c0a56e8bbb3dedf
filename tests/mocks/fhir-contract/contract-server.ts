/**
 * The one thing the FHIR contract needs from a server under test: HTTP requests below its base.
 * `fake-fhir-server.contract.test.ts` and `sandbox.contract.test.ts` each provide one.
 */
import type { FhirResource } from 'fhir/r4';

export interface ContractReply {
  readonly status: number;
  /** The parsed JSON body, or undefined when there was none. */
  readonly body: unknown;
  readonly headers: Headers;
}

export interface ContractRequest {
  readonly method?: string;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface ContractServer {
  /** Absolute FHIR base, no trailing slash. */
  readonly base: string;
  request(path: string, options?: ContractRequest): Promise<ContractReply>;
  stop(): Promise<void>;
}

/** Starts a server holding `seed`, and nothing else. */
export type StartContractServer = (seed: readonly FhirResource[]) => Promise<ContractServer>;

/** A fetch-based `request` under `base` with the headers every FHIR client sends. */
export function fetchUnder(
  base: string,
  extraHeaders: Readonly<Record<string, string>> = {},
): ContractServer['request'] {
  return async (path, options = {}) => {
    const response = await fetch(`${base}/${path}`, {
      method: options.method ?? 'GET',
      headers: {
        Accept: 'application/fhir+json',
        ...(options.body === undefined ? {} : { 'Content-Type': 'application/fhir+json' }),
        ...extraHeaders,
        ...options.headers,
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text ? (JSON.parse(text) as unknown) : undefined,
      headers: response.headers,
    };
  };
}
