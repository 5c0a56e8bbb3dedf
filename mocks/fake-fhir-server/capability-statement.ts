/**
 * The fake's /metadata: what it really answers, so the app's write plan and reads follow it as on
 * any EHR (https://hl7.org/fhir/R4/capabilitystatement.html).
 */
import type { CapabilityStatement } from 'fhir/r4';
import { searchableTypes } from './search-params';

export interface OfferedBundles {
  /** Whether the base takes transaction Bundles; default true. */
  readonly transaction?: boolean;
  /** Whether the base takes batch Bundles; default true. */
  readonly batch?: boolean;
}

export function capabilityStatement(offered: OfferedBundles): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2025-01-01',
    kind: 'instance',
    fhirVersion: '4.0.1',
    format: ['json'],
    software: { name: 'PeerBridge fake FHIR server (in the browser)' },
    rest: [
      {
        mode: 'server',
        interaction: [
          ...(offered.transaction === false ? [] : [{ code: 'transaction' as const }]),
          ...(offered.batch === false ? [] : [{ code: 'batch' as const }]),
        ],
        resource: searchableTypes().map(({ type, params }) => ({
          type,
          interaction: (['read', 'vread', 'search-type', 'create', 'update'] as const).map((code) => ({
            code,
          })),
          conditionalCreate: true,
          searchParam: [...params, '_count', '_sort'].map((name) => ({ name, type: 'token' as const })),
          searchInclude: ['*'],
          searchRevInclude: ['*'],
        })),
      },
    ],
  };
}
