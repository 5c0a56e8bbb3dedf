import type { Bundle, Encounter, FhirResource, Observation } from 'fhir/r4';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { draftToTransaction } from '../../src/domain/draft-to-transaction';
import {
  bundleToViews,
  resourcesToView,
  transactionToView,
  viewToDraft,
} from '../../src/domain/peer-encounter-view';
import {
  devonGroupDraft,
  fixtureContext,
  lenaPart2Draft,
  mariaIndividualDraft,
} from '../../mocks/fixtures/drafts';
import { serverResponse, SERVER_BASE } from '../../mocks/fixtures/server-response';

function resources(bundle: Bundle): FhirResource[] {
  return (bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
}
const saved = serverResponse(draftToTransaction(mariaIndividualDraft, fixtureContext()));

describe('transactionToView', () => {
  it('rebuilds each fixture draft from its own transaction', () => {
    for (const draft of [mariaIndividualDraft, devonGroupDraft, lenaPart2Draft]) {
      const view = transactionToView(draftToTransaction(draft, fixtureContext()));
      expect(view && viewToDraft(view)).toEqual(draft);
    }
  });

  it('reports status, author, labels and the provenance history', () => {
    const view = transactionToView(draftToTransaction(lenaPart2Draft, fixtureContext()));
    expect(view?.recordStatus).toBe('draft');
    expect(view?.author).toEqual({ reference: 'PractitionerRole/role-alex-rivera', display: 'Alex Rivera' });
    expect(view?.labels.map((l) => l.code)).toEqual(['R', 'SUD', '42CFRPart2', 'NORDSCLCD']);
    expect(view?.provenance).toEqual([
      {
        recorded: '2026-11-20T17:05:00Z',
        activity: 'create',
        activityLabel: 'create',
        author: 'Alex Rivera',
        authorReference: 'PractitionerRole/role-alex-rivera',
        revision: 1,
      },
    ]);
    expect(view?.nextRevision).toBe(2);
    expect(view?.display.activities).toEqual(['Crisis support and safety planning', 'Relapse prevention']);
  });

  it('reads a server response with assigned ids, absolute fullUrls and versions', () => {
    const view = transactionToView(saved);
    expect(view?.encounterId).toBe('1001');
    expect(view?.versionId).toBe('1');
    expect(view?.versions.map((v) => v.key)).toContain(`${mariaIndividualDraft.id}:encounter`);
    expect(view?.versions.every((v) => v.versionId === '1')).toBe(true);
    expect(view && viewToDraft(view)).toEqual(mariaIndividualDraft);
  });
});

describe('resourcesToView', () => {
  it('matches Observations that refer to the Encounter by absolute URL', () => {
    const list = resources(saved).map((r) =>
      r.resourceType === 'Observation'
        ? { ...r, encounter: { reference: `${SERVER_BASE}/${r.encounter?.reference ?? ''}/_history/1` } }
        : r,
    );
    expect(resourcesToView(list)[0]?.draft).toEqual(mariaIndividualDraft);
  });

  it('ignores other systems’ Observations and Encounters mixed in', () => {
    const clinical: Encounter = {
      resourceType: 'Encounter',
      id: 'enc-x',
      status: 'finished',
      class: { code: 'AMB' },
    };
    const phq: Observation = {
      resourceType: 'Observation',
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '44261-6' }] },
      encounter: { reference: 'Encounter/enc-x' },
      valueInteger: 12,
    };
    const views = resourcesToView([clinical, phq, ...resources(saved)]);
    expect(views).toHaveLength(1);
    expect(views[0]?.draft).toEqual(mariaIndividualDraft);
  });

  it('keeps unknown extra elements out of the draft and keeps unknown codes’ words for display', () => {
    const list = resources(saved).map((r): FhirResource => {
      if (r.resourceType !== 'Observation' || r.code.coding?.[0]?.code !== 'peer-activity') {
        return { ...r, text: { status: 'generated', div: '<div>other system</div>' } } as FhirResource;
      }
      return {
        ...r,
        valueCodeableConcept: { coding: [{ system: 'urn:other', code: 'x1' }], text: 'Walked together' },
      };
    });
    const view = resourcesToView(list)[0];
    expect(view?.draft.activities).toEqual([]);
    expect(view?.display.activities).toEqual(['Walked together', 'Walked together', 'Walked together']);
    expect(view?.draft.narrative).toBe(mariaIndividualDraft.narrative);
  });

  it('keeps hostile text exactly as text', () => {
    const draft = {
      ...mariaIndividualDraft,
      narrative: '<img src=x onerror=alert(1)>',
      nextSteps: '</script>',
    };
    const view = transactionToView(draftToTransaction(draft, fixtureContext()));
    expect(view?.draft.narrative).toBe('<img src=x onerror=alert(1)>');
    expect(view?.draft.nextSteps).toBe('</script>');
  });

  it('skips entered-in-error Observations and reports an entered-in-error Encounter', () => {
    const list = resources(saved).map((r) =>
      r.resourceType === 'Encounter' || r.resourceType === 'Observation'
        ? { ...r, status: 'entered-in-error' }
        : r,
    ) as FhirResource[];
    const view = resourcesToView(list)[0];
    expect(view?.recordStatus).toBe('entered-in-error');
    expect(view?.draft.activities).toEqual([]);
  });

  it('returns only the encounter asked for', () => {
    const both = [
      ...resources(saved),
      ...resources(serverResponse(draftToTransaction(lenaPart2Draft, fixtureContext()), 5000)),
    ];
    expect(resourcesToView(both)).toHaveLength(2);
    expect(resourcesToView(both, 'Encounter/5000').map((v) => v.draft.id)).toEqual([lenaPart2Draft.id]);
  });

  it('never throws on missing, malformed or unexpected data', () => {
    const peerType = [
      {
        coding: [
          {
            system: 'https://peerbridge.example.org/fhir/CodeSystem/peer-support-category',
            code: 'peer-support-service',
          },
        ],
      },
    ];
    const junk = fc.oneof(fc.anything(), fc.constant(undefined), fc.constant(null));
    const resourceArb = fc.oneof(
      fc.record({
        resourceType: fc.constant('Encounter'),
        id: junk,
        type: fc.oneof(junk, fc.constant(peerType)),
        period: junk,
        length: junk,
        extension: junk,
        meta: junk,
        partOf: junk,
        subject: junk,
        identifier: junk,
        participant: junk,
        status: junk,
      }),
      fc.record({
        resourceType: fc.constant('Observation'),
        encounter: fc.oneof(junk, fc.constant({ reference: 'Encounter/1' })),
        code: junk,
        valueCodeableConcept: junk,
        component: junk,
        focus: junk,
        note: junk,
        status: junk,
      }),
      fc.record({
        resourceType: fc.constantFrom('Task', 'Provenance', 'Goal'),
        id: junk,
        target: junk,
        focus: junk,
        owner: junk,
        agent: junk,
        meta: junk,
      }),
      junk,
    );
    fc.assert(
      fc.property(fc.array(resourceArb, { maxLength: 8 }), (list) => {
        const withId = list.map((r, i) =>
          typeof r === 'object' && r !== null && i === 0 ? { ...r, id: '1' } : r,
        );
        expect(() => resourcesToView(withId as FhirResource[])).not.toThrow();
        expect(() =>
          bundleToViews({
            resourceType: 'Bundle',
            type: 'searchset',
            entry: withId.map((resource) => ({ resource })),
          } as Bundle),
        ).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
