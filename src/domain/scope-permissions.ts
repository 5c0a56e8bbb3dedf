/**
 * What the granted SMART scopes allow, read from the token response's `scope`, so the UI offers only
 * what the server will accept. v2 (`patient/Task.cu`) and v1 (`patient/Task.write`) forms.
 * https://build.fhir.org/ig/HL7/smart-app-launch/scopes-and-launch-context.html
 */

export type ScopeAction = 'c' | 'r' | 'u' | 'd' | 's';

const V1: Readonly<Record<string, readonly ScopeAction[]>> = {
  read: ['r', 's'],
  write: ['c', 'u', 'd'],
  '*': ['c', 'r', 'u', 'd', 's'],
};

function actionsOf(permissions: string): readonly ScopeAction[] {
  const v1 = V1[permissions];
  if (v1) {
    return v1;
  }
  // v2 letters come in the order c, r, u, d, s; anything else is not a scope we understand.
  return /^c?r?u?d?s?$/.test(permissions) && permissions !== ''
    ? (permissions.split('') as ScopeAction[])
    : [];
}

/** Whether any patient/ or user/ scope in `grantedScope` allows `action` on `resourceType`. */
export function scopeAllows(grantedScope: string, resourceType: string, action: ScopeAction): boolean {
  for (const scope of grantedScope.split(' ')) {
    const match = /^(patient|user)\/([A-Za-z]+|\*)\.([a-z*]+)(?:\?.*)?$/.exec(scope);
    if (!match) {
      continue;
    }
    const [, , type, permissions] = match;
    if ((type === resourceType || type === '*') && actionsOf(permissions ?? '').includes(action)) {
      return true;
    }
  }
  return false;
}
