import { describe, expect, it } from 'vitest';
import { readContextBatch } from '../../src/domain/patient-context-batch';
import {
  planOptimisticContext,
  planPatientContext,
  type ContextPlan,
} from '../../src/domain/patient-context-queries';
import { CONTEXT_SECTIONS } from '../../src/domain/patient-context-sections';
import { ASSUMED_CAPABILITIES, supportsSearchParam } from '../../src/domain/server-capabilities';
import { vendorCapabilities } from '../support/vendor-capabilities';

const request = { patientId: 'pt-maria-santos', fhirUser: { resourceType: 'Practitioner', id: 'pr-alex' } };

function parametersOf(path: string): { type: string; names: string[] } {
  const [type = '', query = ''] = path.split('?', 2);
  return { type, names: [...new URLSearchParams(query).keys()] };
}

function sections(plan: ContextPlan): string[] {
  return plan.queries.map((q) => q.section);
}

describe('planPatientContext', () => {
  it.each(['epic', 'oracle'] as const)(
    'sends only search parameters the %s statement lists for each type',
    (vendor) => {
      const capabilities = vendorCapabilities(vendor);
      for (const query of planPatientContext(request, capabilities).queries) {
        const { type, names } = parametersOf(query.path);
        for (const name of names.filter((n) => n !== '_count' && n !== '_sort')) {
          expect(supportsSearchParam(capabilities, type, name), `${query.path}: ${name}`).toBe(true);
        }
        expect(query.path).not.toMatch(/_include|_revinclude/);
      }
    },
  );

  it('sends no PractitionerRole request where the server has none (Oracle Health) and reads the Practitioner', () => {
    const plan = planPatientContext(request, vendorCapabilities('oracle'));
    const userPaths = plan.queries.filter((q) => q.section === 'user').map((q) => q.path);
    expect(userPaths).toEqual(['Practitioner/pr-alex']);
  });

  it('treats follow-ups as none where the server offers no Task, and peer contacts as read from the encounters where it cannot search by type', () => {
    const plan = planPatientContext(request, vendorCapabilities('oracle'));
    expect(plan.skipped.get('followUps')).toBe('not-offered');
    expect(plan.skipped.get('peerContacts')).toBe('from-encounters');
    expect(sections(plan)).toContain('encounters');
  });

  it('plans only the sections asked for', () => {
    const plan = planPatientContext(request, vendorCapabilities('epic'), new Set(['problems'] as const));
    expect(sections(plan)).toEqual(['problems']);
  });
});

describe('planOptimisticContext', () => {
  it('asks the open server for everything, includes and all, before its statement is known', () => {
    const plan = planOptimisticContext(request, ASSUMED_CAPABILITIES);
    expect(sections(plan)).toEqual([...CONTEXT_SECTIONS, 'user']);
    expect(plan.queries.find((q) => q.section === 'careTeam')?.path).toContain(
      '_include=CareTeam%3Aparticipant',
    );
  });
});

describe('readContextBatch', () => {
  const plan = planOptimisticContext({ patientId: 'p1' }, ASSUMED_CAPABILITIES);

  it('counts an entry only with a 2xx response.status, whatever the batch answer said', () => {
    const answers = readContextBatch(plan, {
      resourceType: 'Bundle',
      type: 'batch-response',
      entry: [
        { response: { status: '200 OK' }, resource: { resourceType: 'Patient', id: 'p1' } },
        { response: { status: '400 Bad Request' } },
        { resource: { resourceType: 'Bundle', type: 'searchset' } },
      ],
    });
    expect(answers[0]).toEqual({ ok: true, resources: [{ resourceType: 'Patient', id: 'p1' }] });
    expect(answers[1]).toEqual({ ok: false, status: 400 });
    expect(answers[2]).toEqual({ ok: false });
    expect(answers[3]).toEqual({ ok: false });
  });
});
