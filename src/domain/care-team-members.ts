import type { CareTeam, Resource } from 'fhir/r4';
import { formatCodeableConcept } from './format';
import { isRecord } from './guards';
import { buildNameDirectory, nameOf, personName, type NameDirectory } from './person-names';
import { referenceKey } from './references';

export interface CareTeamMember {
  /** The member's name, or wording such as "A care team member" until a name is known. */
  readonly name: string;
  /** Whether `name` is the person's name rather than that wording (only a name is written to the record). */
  readonly named: boolean;
  readonly role: string;
  readonly reference?: string;
}

function ofType<T extends Resource>(resources: readonly Resource[], type: T['resourceType']): T[] {
  return resources.filter((r): r is T => r.resourceType === type);
}

/**
 * The people on the patient's care teams, once each per role, named from the reference's display,
 * the included participants, or `names` (person-names.ts). Vendors often omit both `_include` and
 * `display`: such a member is listed as "A care team member" until the FHIR layer reads the name.
 * A member with neither a reference nor a display is left out: there is no one to name.
 */
export function careTeamMembers(
  resources: readonly Resource[],
  names: NameDirectory = buildNameDirectory(resources),
): CareTeamMember[] {
  const members: CareTeamMember[] = [];
  const seen = new Set<string>();
  for (const team of ofType<CareTeam>(resources, 'CareTeam')) {
    for (const participant of team.participant ?? []) {
      const member: unknown = participant.member;
      const reference = isRecord(member) ? referenceKey(member.reference) : undefined;
      const display = isRecord(member) && typeof member.display === 'string' ? member.display.trim() : '';
      if (!reference && !display) {
        continue;
      }
      const name = nameOf(names, member);
      const named = personName(names, member) !== undefined;
      const role = formatCodeableConcept(participant.role?.[0]);
      const key = `${reference ?? name}|${role}`;
      if (seen.has(key)) {
        continue;
      }
      seen.add(key);
      members.push({ name, named, role, ...(reference ? { reference } : {}) });
    }
  }
  return members;
}
