import type { Bundle, BundleEntry, FhirResource } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { buildSeed } from '../../mocks/fixtures/seed';
import { readPatientContext } from '../../src/domain/patient-context';
import { buildPatientContextBatch, readContextBatch } from '../../src/domain/patient-context-batch';
import { planOptimisticContext, type PatientContextRequest } from '../../src/domain/patient-context-queries';
import { sectionAnswers } from '../../src/domain/patient-context-sections';
import { ASSUMED_CAPABILITIES } from '../../src/domain/server-capabilities';

const TODAY = new Date('2026-03-10T12:00:00Z');
const seed = buildSeed(TODAY);
const MARIA = 'pt-maria-santos';
const request = { patientId: MARIA, fhirUser: { resourceType: 'Practitioner', id: 'pr-alex-rivera' } };

function optimisticPlan(request: PatientContextRequest) {
  return planOptimisticContext(request, ASSUMED_CAPABILITIES);
}

function readPatientContextBatch(response: Bundle, request: PatientContextRequest) {
  const plan = optimisticPlan(request);
  return readPatientContext(sectionAnswers(plan, readContextBatch(plan, response)), request);
}

function searchset(resources: FhirResource[]): Bundle {
  return { resourceType: 'Bundle', type: 'searchset', entry: resources.map((resource) => ({ resource })) };
}

function referencesMaria(resource: FhirResource): boolean {
  return JSON.stringify(resource).includes(`"Patient/${MARIA}"`);
}

/** What a server would answer to our batch, built from the shared seed. */
function batchResponseFromSeed(): Bundle {
  const of = (type: string) => seed.filter((r) => r.resourceType === type);
  const maria = seed.find((r) => r.id === MARIA);
  const careTeams = of('CareTeam').filter(referencesMaria);
  const entries: BundleEntry[] = [
    { resource: maria, response: { status: '200 OK' } },
    { resource: searchset(of('Condition').filter(referencesMaria)), response: { status: '200 OK' } },
    { resource: searchset(of('Goal').filter(referencesMaria)), response: { status: '200' } },
    { resource: searchset([...careTeams, ...of('Practitioner')]), response: { status: '200 OK' } },
    {
      resource: searchset(of('Encounter').filter(referencesMaria).slice(0, 10)),
      response: { status: '200 OK' },
    },
    { resource: searchset([]), response: { status: '200 OK' } },
    { resource: searchset([]), response: { status: '200 OK' } },
    { resource: of('Practitioner').find((r) => r.id === 'pr-alex-rivera'), response: { status: '200 OK' } },
    {
      resource: searchset(of('PractitionerRole').filter((r) => r.id === 'role-alex-rivera')),
      response: { status: '200 OK' },
    },
  ];
  return { resourceType: 'Bundle', type: 'batch-response', entry: entries };
}

describe('buildPatientContextBatch', () => {
  it('asks for everything in one batch of GETs', () => {
    const batch = buildPatientContextBatch(optimisticPlan(request));
    expect(batch.type).toBe('batch');
    expect(batch.entry?.map((e) => e.request?.method)).toEqual(Array<string>(9).fill('GET'));
    expect(batch.entry?.slice(7).map((e) => e.request?.url)).toEqual([
      'Practitioner/pr-alex-rivera',
      'PractitionerRole?practitioner=Practitioner%2Fpr-alex-rivera',
    ]);
  });

  it('escapes the patient id into the query', () => {
    const batch = buildPatientContextBatch(optimisticPlan({ patientId: 'a&b' }));
    expect(batch.entry?.[0]?.request?.url).toBe('Patient/a%26b');
    expect(batch.entry).toHaveLength(7);
  });
});

describe('readPatientContextBatch', () => {
  it('reads problems, goals, care team, encounters and the peer specialist from the seed', () => {
    const context = readPatientContextBatch(batchResponseFromSeed(), request);
    expect(context.patient?.id).toBe(MARIA);
    expect(context.problems.length).toBeGreaterThan(0);
    expect(context.goals.map((g) => g.description.text).join(' ')).toMatch(/choir/i);
    expect(context.careTeam.map((m) => m.name)).toContain('Alex Rivera');
    expect(context.user?.name).toBe('Alex Rivera');
    expect(context.user?.role.kind).toBe('peer');
    expect(context.unavailable).toEqual([]);
  });

  it('lists newest encounters first even when the server ignored _sort', () => {
    const response = batchResponseFromSeed();
    const encounters = response.entry?.[4]?.resource as Bundle;
    encounters.entry?.reverse();
    const starts = readPatientContextBatch(response, request).recentEncounters.map(
      (e) => e.period?.start ?? '',
    );
    expect(starts).toEqual([...starts].sort().reverse());
  });

  it('marks a refused section unavailable instead of failing the whole screen', () => {
    const response = batchResponseFromSeed();
    const entries = response.entry ?? [];
    entries[1] = {
      response: {
        status: '403 Forbidden',
        outcome: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'forbidden' }] },
      },
    };
    const context = readPatientContextBatch(response, request);
    expect(context.unavailable).toEqual(['problems']);
    expect(context.goals.length).toBeGreaterThan(0);
  });

  it('never throws on an empty or odd answer', () => {
    const context = readPatientContextBatch({ resourceType: 'Bundle', type: 'batch-response' }, request);
    expect(context.unavailable).toEqual([
      'patient',
      'problems',
      'goals',
      'careTeam',
      'encounters',
      'peerContacts',
      'followUps',
      'user',
    ]);
    expect(context.user?.role.kind).toBe('clinician');
  });

  it('leaves out resolved problems and entered-in-error encounters the server still returned', () => {
    const response: Bundle = {
      resourceType: 'Bundle',
      type: 'batch-response',
      entry: [
        { response: { status: '200' }, resource: { resourceType: 'Patient', id: MARIA } },
        {
          response: { status: '200' },
          resource: searchset([
            {
              resourceType: 'Condition',
              id: 'c1',
              subject: { reference: `Patient/${MARIA}` },
              clinicalStatus: { coding: [{ code: 'resolved' }] },
            },
            { resourceType: 'Condition', id: 'c2', subject: { reference: `Patient/${MARIA}` } },
          ] as unknown as FhirResource[]),
        },
        { response: { status: '200' }, resource: searchset([]) },
        { response: { status: '200' }, resource: searchset([]) },
        {
          response: { status: '200' },
          resource: searchset([
            { resourceType: 'Encounter', id: 'e1', status: 'entered-in-error', class: { code: 'AMB' } },
            { resourceType: 'Encounter', id: 'e2', status: 'finished', class: { code: 'AMB' } },
          ] as unknown as FhirResource[]),
        },
      ],
    };
    const context = readPatientContextBatch(response, { patientId: MARIA });
    expect(context.problems.map((c) => c.id)).toEqual(['c2']);
    expect(context.recentEncounters.map((e) => e.id)).toEqual(['e2']);
  });
});
