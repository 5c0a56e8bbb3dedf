import type { Encounter, FhirResource, Practitioner, PractitionerRole } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { buildNameDirectory, addNames, nameOf } from '../../src/domain/person-names';
import { ASSUMED_CAPABILITIES } from '../../src/domain/server-capabilities';
import { FhirHttpError } from '../../src/fhir/fhir-errors';
import { readMissingNames } from '../../src/fhir/person-names-query';
import type { FhirResponse, FhirSession } from '../../src/fhir/smart-session';

const practitioner = (id: string, text: string): Practitioner => ({
  resourceType: 'Practitioner',
  id,
  name: [{ text }],
});
const ROLE: PractitionerRole = {
  resourceType: 'PractitionerRole',
  id: 'role-alex',
  practitioner: { reference: 'Practitioner/pr-alex' },
};
const STORE: FhirResource[] = [
  ROLE,
  practitioner('pr-alex', 'Alex Rivera'),
  ...Array.from({ length: 60 }, (_, i) => practitioner(`pr-${i}`, `Clinician ${i}`)),
];

/** Answers `_id` searches and reads from STORE (or refuses searches), and records each path asked. */
function fakeSession(searches: 'answered' | 'refused') {
  const sent: string[] = [];
  const session: FhirSession = {
    context: {
      serverUrl: 'https://ehr.example.test/fhir',
      launchKey: 'k',
      needPatientBanner: false,
      grantedScope: '',
    },
    request(path: string): Promise<FhirResponse> {
      sent.push(decodeURIComponent(path));
      const [type = '', rest = ''] = path.split(/[/?]/, 2);
      if (path.includes('?')) {
        if (searches === 'refused') {
          return Promise.reject(new FhirHttpError(400, undefined));
        }
        const ids = new URLSearchParams(path.slice(path.indexOf('?') + 1)).get('_id')?.split(',') ?? [];
        const entry = STORE.filter((r) => r.resourceType === type && ids.includes(r.id ?? '')).map(
          (resource) => ({
            resource,
          }),
        );
        return Promise.resolve({
          status: 200,
          headers: new Headers(),
          body: { resourceType: 'Bundle', type: 'searchset', entry },
        });
      }
      const found = STORE.find((r) => r.resourceType === type && r.id === rest);
      return found
        ? Promise.resolve({ status: 200, headers: new Headers(), body: found })
        : Promise.reject(new FhirHttpError(404, undefined));
    },
  };
  return { session, sent };
}

function encounterWith(reference: string): Encounter {
  return {
    resourceType: 'Encounter',
    status: 'finished',
    class: {},
    participant: [{ individual: { reference } }],
  };
}

describe('readMissingNames', () => {
  it('names sixty people in two _id searches, not sixty reads', async () => {
    const { session, sent } = fakeSession('answered');
    const directory = buildNameDirectory(
      STORE.slice(2).map((p) => encounterWith(`Practitioner/${String(p.id)}`)),
    );
    const found = await readMissingNames(session, ASSUMED_CAPABILITIES, directory);
    expect(sent).toHaveLength(2);
    expect(sent.every((path) => path.startsWith('Practitioner?_id='))).toBe(true);
    expect(nameOf(addNames(directory, found), { reference: 'Practitioner/pr-59' })).toBe('Clinician 59');
  });

  it('reads a role, then the practitioner it names, and asks no one twice', async () => {
    const { session, sent } = fakeSession('answered');
    const directory = buildNameDirectory([encounterWith('PractitionerRole/role-alex')]);
    const asked = new Set<string>();
    const found = await readMissingNames(session, ASSUMED_CAPABILITIES, directory, asked);
    expect(sent).toEqual(['PractitionerRole?_id=role-alex&_count=1', 'Practitioner?_id=pr-alex&_count=1']);
    expect(nameOf(addNames(directory, found), { reference: 'PractitionerRole/role-alex' })).toBe(
      'Alex Rivera',
    );
    await readMissingNames(session, ASSUMED_CAPABILITIES, directory, asked);
    expect(sent).toHaveLength(2);
  });

  it('falls back to a few single reads when the _id search is refused', async () => {
    const { session, sent } = fakeSession('refused');
    const directory = buildNameDirectory(
      STORE.slice(2, 22).map((p) => encounterWith(`Practitioner/${String(p.id)}`)),
    );
    const found = await readMissingNames(session, ASSUMED_CAPABILITIES, directory);
    const reads = sent.filter((path) => !path.includes('?'));
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.length).toBeLessThanOrEqual(6);
    expect(found.length).toBe(reads.length);
  });
});
