import type { CapabilityStatement } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { vendorCapabilities, vendorStatement } from '../support/vendor-capabilities';
import {
  ASSUMED_CAPABILITIES,
  offersResource,
  readServerCapabilities,
  supportsConditionalCreate,
  supportsInclude,
  supportsInteraction,
  supportsRevInclude,
  supportsSearchParam,
  supportsSort,
} from '../../src/domain/server-capabilities';

const openStatement: CapabilityStatement = {
  resourceType: 'CapabilityStatement',
  status: 'active',
  date: '2026-01-01',
  kind: 'instance',
  fhirVersion: '4.0.1',
  format: ['json'],
  rest: [
    {
      mode: 'server',
      interaction: [{ code: 'transaction' }, { code: 'batch' }],
      resource: [
        {
          type: 'Encounter',
          interaction: [{ code: 'create' }, { code: 'update' }, { code: 'search-type' }],
          conditionalCreate: true,
          searchParam: [{ name: 'patient', type: 'reference' }],
          searchRevInclude: ['Observation:encounter'],
          searchInclude: ['*'],
        },
      ],
    },
  ],
};

describe('readServerCapabilities', () => {
  it('reads transaction, batch, interactions, conditional create and listed includes', () => {
    const capabilities = readServerCapabilities(openStatement);
    expect(capabilities).toMatchObject({ known: true, transaction: true, batch: true });
    expect(supportsInteraction(capabilities, 'Encounter', 'create')).toBe(true);
    expect(supportsInteraction(capabilities, 'Encounter', 'patch')).toBe(false);
    expect(supportsConditionalCreate(capabilities, 'Encounter')).toBe(true);
    expect(supportsRevInclude(capabilities, 'Encounter', 'Observation:encounter')).toBe(true);
    expect(supportsInclude(capabilities, 'Encounter', 'Encounter:participant')).toBe(true);
  });

  it('reads Epic’s published statement: no batch, Encounter read-only, DocumentReference creatable', () => {
    const epic = readServerCapabilities(vendorStatement('epic'));
    expect(epic).toMatchObject({ known: true, transaction: false, batch: false });
    expect(supportsInteraction(epic, 'Encounter', 'create')).toBe(false);
    expect(supportsInteraction(epic, 'DocumentReference', 'create')).toBe(true);
    expect(supportsInteraction(epic, 'Provenance', 'create')).toBe(false);
    expect(supportsSearchParam(epic, 'Encounter', 'patient')).toBe(true);
    expect(supportsRevInclude(epic, 'Encounter', 'Observation:encounter')).toBe(false);
  });

  it('reads Oracle’s published statement: no PractitionerRole, Encounter patch, Provenance revinclude', () => {
    const oracle = readServerCapabilities(vendorStatement('oracle'));
    expect(oracle.batch).toBe(false);
    expect(offersResource(oracle, 'PractitionerRole')).toBe(false);
    expect(supportsInteraction(oracle, 'Encounter', 'patch')).toBe(true);
    expect(supportsInteraction(oracle, 'Encounter', 'update')).toBe(false);
    expect(supportsSearchParam(oracle, 'Observation', 'encounter')).toBe(false);
    expect(supportsRevInclude(oracle, 'Encounter', 'Provenance:target')).toBe(true);
  });

  it('tolerates a statement with missing and malformed parts', () => {
    const broken = { resourceType: 'CapabilityStatement', rest: [{ mode: 'server', resource: [{}, 'x'] }] };
    expect(readServerCapabilities(broken as unknown as CapabilityStatement)).toEqual({
      known: true,
      transaction: false,
      batch: false,
      resources: {},
    });
  });
});

describe('assumed capabilities', () => {
  it('assume every interaction and parameter but no include, because ignored includes are silent', () => {
    expect(offersResource(ASSUMED_CAPABILITIES, 'PractitionerRole')).toBe(true);
    expect(supportsInteraction(ASSUMED_CAPABILITIES, 'Encounter', 'create')).toBe(true);
    expect(supportsSearchParam(ASSUMED_CAPABILITIES, 'Observation', 'encounter')).toBe(true);
    expect(supportsConditionalCreate(ASSUMED_CAPABILITIES, 'Encounter')).toBe(false);
    expect(supportsRevInclude(ASSUMED_CAPABILITIES, 'Encounter', 'Observation:encounter')).toBe(false);
  });
});

describe('supportsSort', () => {
  it('refuses _sort where the statement lists its result parameters but not _sort (Epic, Oracle Health)', () => {
    expect(supportsSort(vendorCapabilities('epic'), 'Encounter', ['-date'])).toBe(false);
    expect(supportsSort(vendorCapabilities('oracle'), 'DocumentReference', ['-date'])).toBe(false);
  });

  it('allows _sort on listed keys where the statement lists no result parameters', () => {
    const open = readServerCapabilities({
      resourceType: 'CapabilityStatement',
      status: 'active',
      date: '2026-11-20',
      kind: 'instance',
      fhirVersion: '4.0.1',
      format: ['json'],
      rest: [
        { mode: 'server', resource: [{ type: 'Encounter', searchParam: [{ name: 'date', type: 'date' }] }] },
      ],
    });
    expect(supportsSort(open, 'Encounter', ['-date'])).toBe(true);
    expect(supportsSort(open, 'Encounter', ['-period'])).toBe(false);
  });
});
