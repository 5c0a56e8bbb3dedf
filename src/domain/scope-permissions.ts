/**
 * What the granted SMART scopes allow, read from the token response's `scope`, so the UI offers only
 * what the server will accept. v2 (`patient/Task.cu`) and v1 (`patient/Task.write`) forms.
 * https://build.fhir.org/ig/HL7/smart-app-launch/scopes-and-launch-context.html
 */

/**
 * SMART v2 permission letters (create, read, update, delete, search), always written in this order.
 * The one vocabulary for what the app asks for (launch/scopes.ts) and what it was granted (here).
 */
export type Permission = 'c' | 'r' | 'u' | 'd' | 's';

/** What each SMART v1 permission word (`patient/Task.write`) means in v2 letters. */
const V1: Readonly<Record<string, readonly Permission[]>> = {
  read: ['r', 's'],
  write: ['c', 'u', 'd'],
  '*': ['c', 'r', 'u', 'd', 's'],
};

function actionsOf(permissions: string): readonly Permission[] {
  const v1 = V1[permissions];
  if (v1) {
    return v1;
  }
  // v2 letters come in the order c, r, u, d, s; anything else is not a scope we understand.
  return /^c?r?u?d?s?$/.test(permissions) && permissions !== ''
    ? (permissions.split('') as Permission[])
    : [];
}

/** Whether any patient/ or user/ scope in `grantedScope` allows `action` on `resourceType`. */
export function scopeAllows(grantedScope: string, resourceType: string, action: Permission): boolean {
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
