import { describe, expect, it } from 'vitest';
import { resourceKey } from '../../src/domain/resource-keys';

describe('resource keys', () => {
  it('keeps the progress of a new goal apart from an existing Goal whose id is the same as its key', () => {
    // Found by the round-trip property (seed -1882306714): both were `<draft>:goal-progress:8`, so the
    // server took the second progress Observation for a repeat of the first.
    const existing = resourceKey.goalProgress('d1', { kind: 'existing', id: '8', description: '' });
    const added = resourceKey.goalProgress('d1', { kind: 'new', key: '8', description: 'Walk' });
    expect(existing).toBe('d1:goal-progress:8');
    expect(added).toBe('d1:goal-progress:new:8');
  });
});
