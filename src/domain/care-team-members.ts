import type { CareTeam, Practitioner, RelatedPerson, Resource } from 'fhir/r4';
import { formatCodeableConcept, formatHumanName, formatReference } from './format';
import { parseReference } from './references';

export interface CareTeamMember {
  readonly name: string;
  readonly role: string;
  readonly reference?: string;
}

function ofType<T extends Resource>(resources: readonly Resource[], type: T['resourceType']): T[] {
  return resources.filter((r): r is T => r.resourceType === type);
}

/**
 * The people on the patient's care teams, once each per role. Names come from the included
 * participants where the server sent them, else from the reference's display (vendors often omit
 * both `_include` and `display`: then the member is left out rather than shown nameless).
 */
export function careTeamMembers(resources: readonly Resource[]): CareTeamMember[] {
  const byReference = new Map<string, string>();
  const people = [
    ...ofType<Practitioner>(resources, 'Practitioner'),
    ...ofType<RelatedPerson>(resources, 'RelatedPerson'),
  ];
  for (const person of people) {
    if (person.id) {
      byReference.set(`${person.resourceType}/${person.id}`, formatHumanName(person.name));
    }
  }
  const members: CareTeamMember[] = [];
  const seen = new Set<string>();
  for (const team of ofType<CareTeam>(resources, 'CareTeam')) {
    for (const participant of team.participant ?? []) {
      const parsed = parseReference(participant.member?.reference);
      const reference = parsed ? `${parsed.resourceType}/${parsed.id}` : undefined;
      const name =
        (reference ? byReference.get(reference) : undefined) ?? formatReference(participant.member);
      const role = formatCodeableConcept(participant.role?.[0]);
      const key = `${reference ?? name}|${role}`;
      if (!name || seen.has(key)) {
        continue;
      }
      seen.add(key);
      members.push({ name, role, ...(reference ? { reference } : {}) });
    }
  }
  return members;
}
