import { describe, expect, it } from 'vitest';
import { scopeAllows } from '../../src/domain/scope-permissions';

describe('scopeAllows', () => {
  it('allows updating a Task with a v2 scope that has u', () => {
    expect(scopeAllows('launch openid patient/Task.cru', 'Task', 'u')).toBe(true);
    expect(scopeAllows('user/Task.u', 'Task', 'u')).toBe(true);
  });

  it('allows it with a v1 write or wildcard scope', () => {
    expect(scopeAllows('patient/Task.write', 'Task', 'u')).toBe(true);
    expect(scopeAllows('user/*.*', 'Task', 'u')).toBe(true);
  });

  it('refuses read-only and other types', () => {
    expect(scopeAllows('patient/Task.rs patient/Encounter.cru', 'Task', 'u')).toBe(false);
    expect(scopeAllows('patient/Task.read', 'Task', 'u')).toBe(false);
    expect(scopeAllows('', 'Task', 'u')).toBe(false);
  });

  it('ignores malformed scopes and system scopes', () => {
    expect(scopeAllows('patient/Task.ur system/Task.cud', 'Task', 'u')).toBe(false);
  });
});
