import { describe, expect, it } from 'vitest';
import {
  isUrgentSafetyConcern,
  orderFollowUps,
  priorityRank,
  splitUrgentSafety,
} from '../../src/domain/follow-up-order';

const request = (priority: string, authoredOn: string, reasonCode = 'care-coordination') => ({
  priority,
  authoredOn,
  reasonCode,
});

describe('orderFollowUps', () => {
  it('puts stat before asap before urgent before routine, whatever the dates', () => {
    const ordered = orderFollowUps([
      request('routine', '2026-11-20T10:00:00Z'),
      request('urgent', '2026-11-01T10:00:00Z'),
      request('stat', '2026-10-01T10:00:00Z'),
      request('asap', '2026-11-19T10:00:00Z'),
    ]);
    expect(ordered.map((r) => r.priority)).toEqual(['stat', 'asap', 'urgent', 'routine']);
  });

  it('lists a priority it does not know after routine', () => {
    expect(priorityRank('whenever')).toBeLessThan(priorityRank('routine'));
    expect(orderFollowUps([request('', '2026-11-20Z'), request('routine', '2026-01-01Z')])[0]?.priority).toBe(
      'routine',
    );
  });

  it('puts the newest first within one priority, comparing instants rather than text', () => {
    // 09:00-05:00 is 14:00Z: later than 12:00Z although its text sorts first.
    const ordered = orderFollowUps([
      request('urgent', '2026-11-20T12:00:00Z'),
      request('urgent', '2026-11-20T09:00:00-05:00'),
      request('urgent', ''),
    ]);
    expect(ordered.map((r) => r.authoredOn)).toEqual([
      '2026-11-20T09:00:00-05:00',
      '2026-11-20T12:00:00Z',
      '',
    ]);
  });

  it('does not change the list it is given', () => {
    const list = [request('routine', '2026-11-20Z'), request('stat', '2026-11-20Z')];
    orderFollowUps(list);
    expect(list[0]?.priority).toBe('routine');
  });
});

describe('isUrgentSafetyConcern', () => {
  it('is a safety concern asked for urgently or sooner', () => {
    for (const priority of ['urgent', 'asap', 'stat']) {
      expect(isUrgentSafetyConcern(request(priority, '', 'safety-concern'))).toBe(true);
    }
  });

  it('is not a routine safety concern, nor an urgent request for another reason', () => {
    expect(isUrgentSafetyConcern(request('routine', '', 'safety-concern'))).toBe(false);
    expect(isUrgentSafetyConcern(request('', '', 'safety-concern'))).toBe(false);
    expect(isUrgentSafetyConcern(request('stat', '', 'medication-question'))).toBe(false);
  });
});

describe('splitUrgentSafety', () => {
  it('takes the urgent safety concerns out first, even above a stat request for another reason', () => {
    const { urgentSafety, others } = splitUrgentSafety([
      request('stat', '2026-11-20Z', 'medication-question'),
      request('urgent', '2026-11-18Z', 'safety-concern'),
      request('routine', '2026-11-19Z', 'safety-concern'),
    ]);
    expect(urgentSafety.map((r) => r.reasonCode)).toEqual(['safety-concern']);
    expect(others.map((r) => `${r.priority} ${r.reasonCode}`)).toEqual([
      'stat medication-question',
      'routine safety-concern',
    ]);
  });
});
