/**
 * What a launch without a patient needs the EHR to have granted at user level. Without a patient in
 * context an EHR drops `patient/` scopes (SMART App Launch: patient/ scopes need a patient in
 * context), so "My people" reads through `user/` scopes only, and a missing one is named for IT in
 * the form they grant it. https://build.fhir.org/ig/HL7/smart-app-launch/scopes-and-launch-context.html
 */
import { scopeAllows } from './scope-permissions';

export interface UserLevelRead {
  readonly resourceType: string;
  /** Why it is needed, in the words of the message IT reads. */
  readonly reason: string;
}

/** The reads of the home workspace's first screen: who is signed in, their people, their contacts. */
export const HOME_READS: readonly UserLevelRead[] = [
  { resourceType: 'Practitioner', reason: 'who is signed in' },
  { resourceType: 'CareTeam', reason: 'the care teams you are on' },
  { resourceType: 'Patient', reason: 'the names of your people' },
  { resourceType: 'Encounter', reason: 'your peer contacts' },
  { resourceType: 'Task', reason: 'open follow-ups' },
];

/** The reads `grantedScope` does not allow at user level, as the v2 scopes IT would grant. */
export function missingUserReads(
  grantedScope: string,
  reads: readonly UserLevelRead[] = HOME_READS,
): string[] {
  const userScopes = grantedScope
    .split(' ')
    .filter((scope) => scope.startsWith('user/'))
    .join(' ');
  return reads
    .filter(
      (read) =>
        !scopeAllows(userScopes, read.resourceType, 'r') || !scopeAllows(userScopes, read.resourceType, 's'),
    )
    .map((read) => `user/${read.resourceType}.rs`);
}
