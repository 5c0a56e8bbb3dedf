import { describe, expect, it } from 'vitest';
import { SCOPE_REASONS } from '../../registration/scope-reasons';
import { accessKey, RESOURCE_ACCESS, requestedScope } from '../../launch/scopes';

describe('the scopes PeerBridge asks for', () => {
  it('gives a reason for every resource type it asks for', () => {
    for (const access of RESOURCE_ACCESS) {
      expect(SCOPE_REASONS[accessKey(access)]).toMatch(/\w+/);
    }
  });

  it('writes v2 permissions in cruds order', () => {
    for (const scope of requestedScope('v2', 'ehr')
      .split(' ')
      .filter((s) => s.includes('.'))) {
      const permissions = scope.split('.')[1] ?? '';
      const positions = Array.from(permissions, (letter) => 'cruds'.indexOf(letter));
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(positions).not.toContain(-1);
    }
  });

  it('asks read and write in v1 for what it writes, read only for what it reads', () => {
    const scopes = requestedScope('v1', 'standalone').split(' ');
    expect(scopes).toEqual(
      expect.arrayContaining(['patient/Encounter.read', 'patient/Encounter.write', 'patient/Condition.read']),
    );
    expect(scopes).not.toContain('patient/Condition.write');
  });
});
