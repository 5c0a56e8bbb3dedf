/**
 * People, and the organizations and teams they act for, by name and never by id. Real EHRs often
 * send references without `display` (and ignore `_include`), so a name comes from, in order: the
 * reference's own display, a resource the server included or PeerBridge read (a PractitionerRole
 * named through its practitioner), and otherwise wording that says who in general terms ("A care
 * team member", "Someone at Riverside Clinic"). The directory also remembers every person reference
 * it met without a name, so the FHIR layer can read those in one batched search
 * (person-name-queries.ts).
 */
import { formatHumanName } from './format';
import { isRecord, textOf } from './guards';
import { referenceKey } from './references';

export interface NameDirectory {
  /** `Type/id` -> the name a person reads. */
  readonly names: ReadonlyMap<string, string>;
  /** `PractitionerRole/id` -> `Practitioner/id` of the person in the role. */
  readonly practitionerOf: ReadonlyMap<string, string>;
  /** `PractitionerRole/id` -> `Organization/id` the role is at. */
  readonly organizationOf: ReadonlyMap<string, string>;
  /** Every person reference met, as `Type/id`: what unresolvedReferences chooses from. */
  readonly seen: ReadonlySet<string>;
}

export const EMPTY_NAMES: NameDirectory = {
  names: new Map(),
  practitionerOf: new Map(),
  organizationOf: new Map(),
  seen: new Set(),
};

/** A display that is itself a reference ("Practitioner/123", a URL) names nobody. */
const RAW_REFERENCE = /^(?:[A-Z][A-Za-z]+\/[A-Za-z0-9.-]+|https?:\/\/\S+|urn:\S+)$/;

const FALLBACKS: Readonly<Record<string, string>> = {
  Practitioner: 'A care team member',
  PractitionerRole: 'A care team member',
  Patient: 'The patient',
  RelatedPerson: 'A family member or supporter',
  Organization: 'An organization',
  CareTeam: 'A care team',
  Group: 'A group',
  Device: 'A device',
};
const SOMEONE = 'Someone';

/**
 * Where resources keep the references to people that PeerBridge shows by name, as FHIRPath-like
 * paths (arrays are followed at every step). Add a path when a screen starts showing another.
 */
const PERSON_PATHS: readonly string[] = [
  'Encounter.participant.individual',
  'Task.requester',
  'Task.owner',
  'Provenance.agent.who',
  'Provenance.agent.onBehalfOf',
  'DocumentReference.author',
  'DocumentReference.authenticator',
  'CareTeam.participant.member',
  'PractitionerRole.practitioner',
  'PractitionerRole.organization',
];

/** Resource type -> the element paths below it. */
const PATHS_BY_TYPE: ReadonlyMap<string, readonly (readonly string[])[]> = PERSON_PATHS.reduce(
  (byType, path) => {
    const [type = '', ...steps] = path.split('.');
    byType.set(type, [...(byType.get(type) ?? []), steps]);
    return byType;
  },
  new Map<string, (readonly string[])[]>(),
);

function valuesAt(value: unknown, path: readonly string[]): unknown[] {
  if (Array.isArray(value)) {
    return (value as unknown[]).flatMap((item) => valuesAt(item, path));
  }
  const [step, ...rest] = path;
  if (step === undefined) {
    return [value];
  }
  return isRecord(value) ? valuesAt(value[step], rest) : [];
}

/** The person references of one resource (participants, authors, requesters, owners, members). */
export function personReferences(resource: unknown): unknown[] {
  const type = isRecord(resource) ? textOf(resource.resourceType) : undefined;
  const paths = type ? (PATHS_BY_TYPE.get(type) ?? []) : [];
  return paths.flatMap((steps) => valuesAt(resource, steps));
}

function readableDisplay(reference: unknown): string | undefined {
  const display = isRecord(reference) ? textOf(reference.display)?.trim() : undefined;
  return display && !RAW_REFERENCE.test(display) ? display : undefined;
}

function keyOf(reference: unknown): string | undefined {
  return isRecord(reference) ? referenceKey(reference.reference) : undefined;
}

function ownName(resource: Record<string, unknown>): string {
  switch (resource.resourceType) {
    case 'Practitioner':
    case 'Patient':
    case 'RelatedPerson':
      return Array.isArray(resource.name)
        ? formatHumanName((resource.name as unknown[]).filter(isRecord))
        : '';
    case 'Organization':
    case 'CareTeam':
    case 'Group':
    case 'HealthcareService':
      return textOf(resource.name) ?? '';
    default:
      return '';
  }
}

/**
 * The directory with what `resources` say about names added: displays of their person references,
 * the names of the people and organizations among them, and which practitioner and organization
 * each PractitionerRole stands for. A resource's own name wins over a display of it.
 */
export function addNames(directory: NameDirectory, resources: readonly unknown[]): NameDirectory {
  const names = new Map(directory.names);
  const practitionerOf = new Map(directory.practitionerOf);
  const organizationOf = new Map(directory.organizationOf);
  const seen = new Set(directory.seen);
  const own: [string, string][] = [];
  for (const resource of resources) {
    if (!isRecord(resource)) {
      continue;
    }
    for (const reference of personReferences(resource)) {
      const key = keyOf(reference);
      const display = readableDisplay(reference);
      if (key) {
        seen.add(key);
        if (display && !names.has(key)) {
          names.set(key, display);
        }
      }
    }
    const type = textOf(resource.resourceType);
    const id = textOf(resource.id);
    if (!type || !id) {
      continue;
    }
    const key = `${type}/${id}`;
    const name = ownName(resource);
    if (name) {
      own.push([key, name]);
    }
    if (type === 'PractitionerRole') {
      const practitioner = keyOf(resource.practitioner);
      const organization = keyOf(resource.organization);
      if (practitioner) {
        practitionerOf.set(key, practitioner);
      }
      if (organization) {
        organizationOf.set(key, organization);
      }
    }
  }
  for (const [key, name] of own) {
    names.set(key, name);
  }
  return { names, practitionerOf, organizationOf, seen };
}

export function buildNameDirectory(resources: readonly unknown[]): NameDirectory {
  return addNames(EMPTY_NAMES, resources);
}

/** The name known for `Type/id`, through a role's practitioner where the role itself has none. */
function knownName(directory: NameDirectory, key: string): string | undefined {
  const practitioner = directory.practitionerOf.get(key);
  return directory.names.get(key) ?? (practitioner ? directory.names.get(practitioner) : undefined);
}

function typeOf(reference: unknown, key: string | undefined): string | undefined {
  const type = key?.includes('/') ? key.slice(0, key.indexOf('/')) : undefined;
  return type ?? (isRecord(reference) ? textOf(reference.type) : undefined);
}

/** The name itself (display, else the directory's), or undefined: never wording that stands in for one. */
export function personName(directory: NameDirectory, reference: unknown): string | undefined {
  const key = keyOf(reference);
  return readableDisplay(reference) ?? (key ? knownName(directory, key) : undefined);
}

/**
 * Who a reference names, as a person reads it: its display, else the directory's name for it, else
 * "Someone at <organization>" for a role whose organization is known, else `fallback` (default a
 * wording by type). Never the reference itself. Total over any input.
 */
export function nameOf(directory: NameDirectory, reference: unknown, fallback?: string): string {
  const known = personName(directory, reference);
  if (known) {
    return known;
  }
  const key = keyOf(reference);
  const organization = key ? directory.organizationOf.get(key) : undefined;
  const organizationName = organization ? directory.names.get(organization) : undefined;
  if (organizationName) {
    return `Someone at ${organizationName}`;
  }
  return fallback ?? FALLBACKS[typeOf(reference, key) ?? ''] ?? SOMEONE;
}

/** Whether the directory can name `key` (not counting fallback wording). */
export function isNamed(directory: NameDirectory, key: string): boolean {
  return knownName(directory, key) !== undefined;
}
