import type { Encounter } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { draftToTransaction } from '../../src/domain/draft-to-transaction';
import { buildTimeline } from '../../src/domain/timeline';
import { summariseCounts } from '../../src/domain/timeline-summary';
import { devonGroupDraft, fixtureContext, mariaIndividualDraft } from '../../mocks/fixtures/drafts';
import { buildEncounters } from '../../mocks/fixtures/seed/encounters';

const NOW = new Date('2026-11-20T17:05:00Z');
const ACT = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';

function clinical(id: string, start: string, klass: string, typeText: string): Encounter {
  return {
    resourceType: 'Encounter',
    id,
    status: 'finished',
    class: { system: ACT, code: klass },
    type: [{ text: typeText }],
    period: { start },
  };
}
function peerEncounters(): Encounter[] {
  return [mariaIndividualDraft, devonGroupDraft].flatMap((d) =>
    (draftToTransaction(d, fixtureContext()).entry ?? []).flatMap((e) =>
      e.resource?.resourceType === 'Encounter' ? [e.resource] : [],
    ),
  );
}

describe('buildTimeline', () => {
  const timeline = buildTimeline(
    [
      clinical('a', '2026-10-02T15:30:00Z', 'AMB', 'Psychiatry follow-up'),
      clinical('b', '2026-11-02T18:00:00Z', 'VR', 'Individual psychotherapy (video)'),
      clinical('c', '2026-09-12T03:00:00Z', 'EMER', 'Emergency department visit'),
      clinical('d', '2026-06-01T13:00:00Z', 'IMP', 'Inpatient admission'),
      clinical('e', '2026-11-05T13:00:00Z', 'AMB', 'Annual check-up'),
      { ...clinical('x', '2026-11-06T13:00:00Z', 'AMB', 'Wrong chart'), status: 'entered-in-error' },
      { resourceType: 'Encounter', id: 'no-date', status: 'finished', class: { code: 'AMB' } },
      ...peerEncounters(),
    ],
    { now: NOW },
  );

  it('sorts newest first and leaves undated and entered-in-error encounters last or out', () => {
    expect(timeline.items.map((i) => i.id ?? i.category)).toEqual([
      'peer',
      'group-peer',
      'e',
      'b',
      'a',
      'c',
      'd',
      'no-date',
    ]);
  });

  it('categorises by peer coding, class and words', () => {
    expect(timeline.items.map((i) => i.category)).toEqual([
      'peer',
      'group-peer',
      'primary-care',
      'therapy',
      'psychiatry',
      'emergency',
      'inpatient',
      'other',
    ]);
    expect(timeline.items[0]).toMatchObject({ kind: 'peer', title: 'Peer support · In person' });
  });

  it('groups by month with readable labels', () => {
    expect(timeline.months.map((m) => [m.key, m.label, m.items.length])).toEqual([
      ['2026-11', 'November 2026', 4],
      ['2026-10', 'October 2026', 1],
      ['2026-09', 'September 2026', 1],
      ['2026-06', 'June 2026', 1],
      ['', 'Date unknown', 1],
    ]);
  });

  it('counts the last 90 days in one sentence, leaving out what did not happen', () => {
    expect(timeline.summary).toBe(
      '1 peer contact, 1 group peer session, 1 psychiatry visit, 1 therapy visit, 1 primary care visit, 1 ED visit in the last 90 days',
    );
    expect(timeline.counts.inpatient).toBe(0);
  });

  it('places the whole seed record of a year quickly', () => {
    const seed = buildEncounters(NOW);
    const many = Array.from({ length: Math.ceil(5000 / seed.length) }, () => seed).flat();
    const started = performance.now();
    const big = buildTimeline(many, { now: NOW });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(big.items.length).toBe(many.length);
    expect(big.counts.other).toBe(0);
  });
});

describe('summariseCounts', () => {
  const zero = {
    peer: 0,
    'group-peer': 0,
    psychiatry: 0,
    therapy: 0,
    'primary-care': 0,
    emergency: 0,
    inpatient: 0,
    other: 0,
  };

  it('pluralises each count', () => {
    expect(summariseCounts({ ...zero, peer: 6, therapy: 2, emergency: 1 }, 90)).toBe(
      '6 peer contacts, 2 therapy visits, 1 ED visit in the last 90 days',
    );
  });

  it('says when nothing happened', () => {
    expect(summariseCounts(zero, 30)).toBe('No visits in the last 30 days');
  });
});
