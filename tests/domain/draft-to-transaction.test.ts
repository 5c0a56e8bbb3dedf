import type { Bundle, Encounter, FhirResource, Observation, Provenance, Task } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { draftToTransaction } from '../../src/domain/draft-to-transaction';
import type { ProgramConfig, ProgramKind } from '../../src/domain/program-config';
import type { PeerEncounterDraft } from '../../src/domain/peer-encounter-draft';
import {
  devonGroupDraft,
  fixtureContext,
  lenaPart2Draft,
  mariaIndividualDraft,
  sequentialUuids,
} from '../../mocks/fixtures/drafts';

const BASE = 'https://peerbridge.example.org/fhir';
const KEY_SYSTEM = `${BASE}/sid/resource-key`;
const HCPCS = 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets';
const CPT = 'http://www.ama-assn.org/go/cpt';
const POS = 'https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set';

function resources(bundle: Bundle): FhirResource[] {
  return (bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
}
function ofType<T extends FhirResource>(bundle: Bundle, type: T['resourceType']): T[] {
  return resources(bundle).filter((r): r is T => r.resourceType === type);
}
function keyOf(resource: FhirResource): string | undefined {
  if (resource.resourceType === 'Provenance') {
    return resource.meta?.tag?.find((t) => t.system === KEY_SYSTEM)?.code;
  }
  return 'identifier' in resource && Array.isArray(resource.identifier)
    ? resource.identifier.find((i) => i.system === KEY_SYSTEM)?.value
    : undefined;
}
function peerEncounter(bundle: Bundle): Encounter | undefined {
  return ofType<Encounter>(bundle, 'Encounter').find((e) => e.subject);
}

const maria = draftToTransaction(mariaIndividualDraft, fixtureContext());
const devon = draftToTransaction(devonGroupDraft, fixtureContext());
const lena = draftToTransaction(lenaPart2Draft, fixtureContext());

describe('draftToTransaction', () => {
  it('writes one transaction Bundle in contract order: group session, new goals, encounter, observations, task, provenance', () => {
    expect(devon.type).toBe('transaction');
    expect(resources(devon).map((r) => r.resourceType)).toEqual([
      'Encounter',
      'Encounter',
      ...Array<string>(8).fill('Observation'),
      'Task',
      'Provenance',
    ]);
    expect(resources(maria).map((r) => r.resourceType)).toEqual([
      'Goal',
      'Encounter',
      ...Array<string>(9).fill('Observation'),
      'Provenance',
    ]);
  });

  it('makes every entry a conditional create on the identifier the resource carries', () => {
    for (const bundle of [maria, devon, lena]) {
      for (const entry of bundle.entry ?? []) {
        const resource = entry.resource;
        expect(resource).toBeDefined();
        if (!resource) {
          continue;
        }
        const key = keyOf(resource);
        const param = resource.resourceType === 'Provenance' ? '_tag' : 'identifier';
        expect(entry.request).toEqual({
          method: 'POST',
          url: resource.resourceType,
          ifNoneExist: `${param}=${encodeURIComponent(`${KEY_SYSTEM}|${key ?? 'missing'}`)}`,
        });
        expect(entry.fullUrl).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
      }
    }
  });

  it('derives keys from the draft as docs/fhir-model.md lists them', () => {
    const id = mariaIndividualDraft.id;
    expect(resources(maria).map(keyOf)).toEqual([
      `${id}:goal:walk-mornings`,
      `${id}:encounter`,
      `${id}:activity:engagement`,
      `${id}:activity:lived-experience`,
      `${id}:activity:recovery-planning`,
      `${id}:goal-progress:goal-maria-santos-choir`,
      `${id}:goal-progress:new:walk-mornings`,
      `${id}:response`,
      `${id}:narrative`,
      `${id}:next-steps`,
      `${id}:measure:recovery-check-in`,
      `${id}:provenance:1`,
    ]);
    expect(keyOf(resources(devon)[0] as FhirResource)).toBe('grp-2026-11-17-tuesday-recovery:group-session');
    expect(resources(lena).map(keyOf)).toContain(`${lenaPart2Draft.id}:task`);
    expect(resources(lena).map(keyOf)).toContain(`${lenaPart2Draft.id}:follow-up`);
  });

  it('keeps the same keys and requests when a retry uses different uuids', () => {
    const retry = draftToTransaction(mariaIndividualDraft, fixtureContext({ newUuid: sequentialUuids(7) }));
    expect(retry.entry?.map((e) => e.request)).toEqual(maria.entry?.map((e) => e.request));
    expect(retry.entry?.map((e) => e.fullUrl)).not.toEqual(maria.entry?.map((e) => e.fullUrl));
  });

  it('refers between entries only by their urn:uuids', () => {
    const fullUrls = new Set(devon.entry?.map((e) => e.fullUrl));
    const encounter = peerEncounter(devon);
    expect(fullUrls.has(encounter?.partOf?.reference)).toBe(true);
    for (const obs of ofType<Observation>(devon, 'Observation')) {
      expect(fullUrls.has(obs.encounter?.reference)).toBe(true);
    }
    const provenance = ofType<Provenance>(devon, 'Provenance')[0];
    expect(provenance?.target.map((t) => t.reference)).toEqual(
      devon.entry?.slice(0, -1).map((e) => e.fullUrl),
    );
  });

  it('codes H0038 with the HQ modifier only for group work, 95 for video and the place of service', () => {
    const billing = (bundle: Bundle) => peerEncounter(bundle)?.type?.[1];
    expect(billing(devon)?.coding).toEqual([
      { system: HCPCS, code: 'H0038', display: 'Self-help/peer services, per 15 minutes' },
    ]);
    expect(billing(devon)?.extension?.map((e) => e.valueCoding?.code)).toEqual(['HQ', '95', '02']);
    expect(billing(devon)?.extension?.[1]?.valueCoding?.system).toBe(CPT);
    expect(
      billing(maria)?.extension?.map((e) => [e.url, e.valueCoding?.system, e.valueCoding?.code]),
    ).toEqual([[`${BASE}/StructureDefinition/place-of-service`, POS, '11']]);
  });

  it('derives no programme modifier from a note’s privacy label', () => {
    const codes = peerEncounter(lena)?.type?.[1]?.extension?.map((e) => e.valueCoding?.code);
    expect(codes).toEqual(['10']);
  });

  it('adds HF, HE or HH from the programme the site configured, whatever the note’s label', () => {
    const modifiers = (kind: ProgramKind) =>
      peerEncounter(
        draftToTransaction(mariaIndividualDraft, fixtureContext({ program: { kind, part2: false } })),
      )?.type?.[1]?.extension?.map((e) => e.valueCoding?.code);
    expect(modifiers('substance-use')).toEqual(['HF', '11']);
    expect(modifiers('mental-health')).toEqual(['HE', '11']);
    expect(modifiers('co-occurring')).toEqual(['HH', '11']);
  });

  it('bills video with GT where the payer asks for it, and the clinic as the programme’s place', () => {
    const program: ProgramConfig = {
      kind: 'substance-use',
      part2: true,
      telehealthModifier: 'GT',
      clinicPlaceOfService: '57',
    };
    const billing = (bundle: Bundle) =>
      peerEncounter(bundle)?.type?.[1]?.extension?.map((e) => e.valueCoding?.code);
    expect(billing(draftToTransaction(devonGroupDraft, fixtureContext({ program })))).toEqual([
      'HQ',
      'HF',
      'GT',
      '02',
    ]);
    expect(billing(draftToTransaction(mariaIndividualDraft, fixtureContext({ program })))).toEqual([
      'HF',
      '57',
    ]);
  });

  it('bills a phone contact with the audio-only modifier the site names, and no other mode with it', () => {
    const billing = (draft: PeerEncounterDraft, program: ProgramConfig) =>
      peerEncounter(draftToTransaction(draft, fixtureContext({ program })))?.type?.[1]?.extension?.map(
        (e) => e.valueCoding?.code,
      );
    const phone: PeerEncounterDraft = { ...mariaIndividualDraft, contactMode: 'phone' };
    const video: PeerEncounterDraft = { ...mariaIndividualDraft, contactMode: 'video' };
    expect(billing(phone, { kind: 'mental-health', part2: false, audioOnlyModifier: 'FQ' })).toContain('FQ');
    expect(billing(phone, { kind: 'mental-health', part2: false, audioOnlyModifier: '93' })).toContain('93');
    // Payers differ on audio-only peer services: nothing is written unless the site says which.
    const unset = billing(phone, { kind: 'mental-health', part2: false }) ?? [];
    expect(unset.filter((code) => code === '93' || code === 'FQ')).toEqual([]);
    expect(billing(video, { kind: 'mental-health', part2: false, audioOnlyModifier: '93' })).not.toContain(
      '93',
    );
    expect(
      billing(mariaIndividualDraft, { kind: 'mental-health', part2: false, audioOnlyModifier: '93' }),
    ).not.toContain('93');
  });

  it('labels every resource of a Part 2 note R, SUD, 42CFRPart2 and NORDSCLCD', () => {
    for (const resource of resources(lena)) {
      expect(resource.meta?.security?.map((c) => c.code)).toEqual(['R', 'SUD', '42CFRPart2', 'NORDSCLCD']);
    }
  });

  it('labels a restricted note R and BH, but not the shared group session', () => {
    const [session, ...rest] = resources(devon);
    expect(session?.meta).toBeUndefined();
    for (const resource of rest) {
      expect(resource.meta?.security?.map((c) => c.code)).toEqual(['R', 'BH']);
    }
  });

  it('labels every note of a Part 2 programme, the group session included, whatever the peer chose', () => {
    const program: ProgramConfig = { kind: 'substance-use', part2: true };
    for (const draft of [mariaIndividualDraft, devonGroupDraft]) {
      for (const resource of resources(draftToTransaction(draft, fixtureContext({ program })))) {
        expect(resource.meta?.security?.map((c) => c.code)).toEqual(['R', 'SUD', '42CFRPart2', 'NORDSCLCD']);
      }
    }
  });

  it('keeps a label the peer added in a programme that is not Part 2, and leaves the group session unlabelled', () => {
    const program: ProgramConfig = { kind: 'mental-health', part2: false };
    const [session, ...rest] = resources(draftToTransaction(devonGroupDraft, fixtureContext({ program })));
    expect(session?.meta).toBeUndefined();
    for (const resource of rest) {
      expect(resource.meta?.security?.map((c) => c.code)).toEqual(['R', 'BH']);
    }
  });

  it('puts no labels on a normal note', () => {
    expect(resources(maria).some((r) => r.meta?.security)).toBe(false);
  });

  it('writes a signed note as finished and final, a saved draft as in-progress and preliminary', () => {
    expect(peerEncounter(maria)?.status).toBe('finished');
    expect(new Set(ofType<Observation>(maria, 'Observation').map((o) => o.status))).toEqual(
      new Set(['final']),
    );
    expect(peerEncounter(lena)?.status).toBe('in-progress');
    expect(new Set(ofType<Observation>(lena, 'Observation').map((o) => o.status))).toEqual(
      new Set(['preliminary']),
    );
  });

  it('derives class, period end and length from mode, setting, start and duration', () => {
    const encounter = peerEncounter(maria);
    expect(encounter?.class.code).toBe('AMB');
    expect(encounter?.period).toEqual({
      start: '2026-11-18T10:00:00-05:00',
      end: '2026-11-18T10:50:00-05:00',
    });
    expect(encounter?.length).toEqual({
      value: 50,
      unit: 'min',
      system: 'http://unitsofmeasure.org',
      code: 'min',
    });
    expect(peerEncounter(lena)?.class.code).toBe('VR');
  });

  it('asks for clinician follow-up with a Task on the encounter', () => {
    const task = ofType<Task>(devon, 'Task')[0];
    expect(task).toMatchObject({
      status: 'requested',
      intent: 'order',
      priority: 'routine',
      owner: { reference: 'Practitioner/pr-sam-okafor', display: 'Dr. Sam Okafor' },
      focus: { reference: devon.entry?.[1]?.fullUrl },
      for: { reference: 'Patient/pt-devon-walker' },
      authoredOn: '2026-11-20T17:05:00Z',
    });
    expect(ofType<Task>(maria, 'Task')).toEqual([]);
  });

  it('categorises activities, progress, response, narrative and follow-up as peer support only, never social-history', () => {
    const categories = ofType<Observation>(maria, 'Observation').map((o) => [
      o.code.coding?.[0]?.code,
      (o.category ?? []).map((c) => c.coding?.[0]?.code),
    ]);
    expect(categories.filter(([, codes]) => codes?.includes('social-history'))).toEqual([]);
    for (const [code, codes] of categories) {
      const instrument = code === 'recovery-check-in' || code === '44261-6';
      expect(codes).toEqual(instrument ? ['peer-support', 'survey'] : ['peer-support']);
    }
  });

  it('sums the check-in items and writes each as a component', () => {
    const checkIn = ofType<Observation>(maria, 'Observation').find(
      (o) => o.code.coding?.[0]?.code === 'recovery-check-in',
    );
    expect(checkIn?.valueInteger).toBe(17);
    expect(checkIn?.component?.map((c) => [c.code.coding?.[0]?.code, c.valueInteger])).toEqual([
      ['hope', 4],
      ['confidence', 3],
      ['connection', 4],
      ['control', 3],
      ['wellbeing', 3],
    ]);
  });

  it('records a first write as CREATE and a later revision as UPDATE', () => {
    const activity = (bundle: Bundle) =>
      ofType<Provenance>(bundle, 'Provenance')[0]?.activity?.coding?.[0]?.code;
    expect(activity(maria)).toBe('CREATE');
    expect(activity(draftToTransaction(mariaIndividualDraft, fixtureContext({ revision: 2 })))).toBe(
      'UPDATE',
    );
  });

  it('keeps hostile text as plain text data', () => {
    const draft = { ...mariaIndividualDraft, narrative: '<script>alert(1)</script> & <b>' };
    const narrative = ofType<Observation>(draftToTransaction(draft, fixtureContext()), 'Observation').find(
      (o) => o.code.coding?.[0]?.code === 'peer-narrative',
    );
    expect(narrative?.valueString).toBe('<script>alert(1)</script> & <b>');
  });
});
