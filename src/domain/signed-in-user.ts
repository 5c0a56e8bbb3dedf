import type { Practitioner, PractitionerRole, Resource } from 'fhir/r4';
import { formatHumanName } from './format';
import { buildNameDirectory, personName, type NameDirectory } from './person-names';
import { parseReference, referenceTo, referenceToId, type ResourceId } from './references';
import { classifyUser, isPeerRole, type PeerRecognition, type UserRole } from './user-role';

/** What the header says until a name is known. */
export const UNNAMED_USER = 'Signed-in user';

export interface SignedInUser {
  /** The user's name, else {@link UNNAMED_USER}; never their reference. */
  readonly name: string;
  readonly role: UserRole;
  /** The fhirUser reference, as the token gave it. */
  readonly reference: string;
  /** `Practitioner/<id>` of the user, when known. */
  readonly practitioner?: string;
  /** `PractitionerRole/<id>` the user works in here (their peer role, if they have one). */
  readonly practitionerRole?: string;
  /** `Organization/<id>` of that role. */
  readonly organization?: string;
}

function ofType<T extends Resource>(resources: readonly Resource[], type: T['resourceType']): T[] {
  return resources.filter((r): r is T => r.resourceType === type);
}

/** The signed-in user from their PractitionerRoles and Practitioner, whichever the server sent. */
export function signedInUser(
  resources: readonly Resource[],
  requested: ResourceId,
  recognition: PeerRecognition,
  names: NameDirectory = buildNameDirectory(resources),
): SignedInUser {
  const roles = ofType<PractitionerRole>(resources, 'PractitionerRole');
  const practitioners = ofType<Practitioner>(resources, 'Practitioner');
  const practitionerId =
    requested.resourceType === 'Practitioner'
      ? requested.id
      : parseReference(roles.find((r) => r.id === requested.id)?.practitioner?.reference)?.id;
  const practitioner = practitioners.find((p) => p.id === practitionerId);
  const ownRoles = roles.filter(
    (role) =>
      requested.resourceType === 'PractitionerRole' ||
      parseReference(role.practitioner?.reference)?.id === practitionerId,
  );
  const name =
    formatHumanName(practitioner?.name) ||
    personName(names, ownRoles[0]?.practitioner) ||
    personName(names, { reference: referenceTo(requested) });
  const workingRole =
    ownRoles.find((role) => isPeerRole(role, recognition)) ?? ownRoles.find((role) => role.active !== false);
  const organization = parseReference(workingRole?.organization?.reference);
  const reference = referenceTo(requested);
  return {
    name: name || UNNAMED_USER,
    role: classifyUser(
      { reference, roles: ownRoles, ...(practitioner ? { practitioner } : {}) },
      recognition,
    ),
    reference,
    ...(practitionerId ? { practitioner: referenceToId('Practitioner', practitionerId) } : {}),
    ...(workingRole?.id ? { practitionerRole: referenceToId('PractitionerRole', workingRole.id) } : {}),
    ...(organization ? { organization: referenceTo(organization) } : {}),
  };
}
