import type { Bundle, FhirResource, Patient } from 'fhir/r4';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestFhirServer } from './fhir-test-server';
import { observation, smallSeed, startTestFhirServer } from './fhir-test-server';

/** The small seed plus a week of daily mood check-ins for Amy. */
function seedWithCheckIns(): FhirResource[] {
  const checkIns = Array.from({ length: 7 }, (_, day) =>
    observation(`checkin-${day + 1}`, 'amy-shaw', `2025-04-0${day + 1}T08:00:00Z`),
  );
  return [...smallSeed(), ...checkIns];
}

let server: TestFhirServer;
beforeEach(async () => {
  server = await startTestFhirServer({ seed: seedWithCheckIns });
});
afterEach(async () => {
  await server.stop();
});

const token = 'clinician';

function ids(bundle: Bundle, mode: 'match' | 'include' = 'match'): (string | undefined)[] {
  return (bundle.entry ?? [])
    .filter((entry) => entry.search?.mode === mode)
    .map((entry) => entry.resource?.id);
}

describe('search', () => {
  it('pages with absolute next and previous links under the base', async () => {
    const first = await server.json<Bundle>('Observation?patient=Patient/amy-shaw&_count=4&_sort=date', {
      token,
    });
    expect(first.body.total).toBe(9);
    expect(ids(first.body)).toEqual(['obs-amy-mood', 'obs-amy-sleep', 'checkin-1', 'checkin-2']);
    const next = first.body.link?.find((link) => link.relation === 'next')?.url ?? '';
    expect(next.startsWith(`${server.baseUrl}/Observation?`)).toBe(true);
    const second = await server.json<Bundle>(next, { token });
    expect(ids(second.body)).toEqual(['checkin-3', 'checkin-4', 'checkin-5', 'checkin-6']);
    expect(second.body.link?.find((link) => link.relation === 'previous')?.url).toContain('_offset=0');
    const third = await server.json<Bundle>(
      second.body.link?.find((link) => link.relation === 'next')?.url ?? '',
      { token },
    );
    expect(ids(third.body)).toEqual(['checkin-7']);
    expect(third.body.link?.some((link) => link.relation === 'next')).toBe(false);
  });

  it('treats a bare id as a reference to the parameter target type', async () => {
    const response = await server.json<Bundle>('Observation?patient=ben-ortiz', { token });
    expect(ids(response.body)).toEqual(['obs-ben-mood']);
  });

  it('sorts descending by date', async () => {
    const response = await server.json<Bundle>('Observation?subject=Patient/amy-shaw&_sort=-date&_count=2', {
      token,
    });
    expect(ids(response.body)).toEqual(['checkin-7', 'checkin-6']);
  });

  it('filters by date prefixes, token and status', async () => {
    const response = await server.json<Bundle>(
      'Observation?date=ge2025-04-03&date=lt2025-04-05&code=http://loinc.org|44250-9&status=final',
      { token },
    );
    expect(ids(response.body)).toEqual(['checkin-3', 'checkin-4']);
  });

  it('omits the total with _total=none and answers only the count with _count=0', async () => {
    const none = await server.json<Bundle>('Observation?_total=none', { token });
    expect(none.body.total).toBeUndefined();
    const countOnly = await server.json<Bundle>('Observation?_count=0', { token });
    expect(countOnly.body.total).toBe(10);
    expect(countOnly.body.entry).toBeUndefined();
  });

  it('adds referenced resources with _include', async () => {
    const response = await server.json<Bundle>(
      'PractitionerRole?practitioner=Practitioner/pr-rivera&_include=PractitionerRole:practitioner',
      { token },
    );
    expect(ids(response.body)).toEqual(['role-rivera']);
    expect(ids(response.body, 'include')).toEqual(['pr-rivera']);
  });

  it('adds referring resources with _revinclude', async () => {
    const response = await server.json<Bundle>(
      'Encounter?patient=Patient/amy-shaw&_revinclude=Observation:encounter',
      { token },
    );
    expect(ids(response.body)).toEqual(['enc-amy-1']);
    expect(ids(response.body, 'include').sort()).toEqual(['obs-amy-mood', 'obs-amy-sleep']);
  });

  it('ignores unsupported parameters, or refuses them with Prefer: handling=strict', async () => {
    const lenient = await server.json<Bundle>('Observation?value-quantity=5&patient=ben-ortiz', { token });
    expect(ids(lenient.body)).toEqual(['obs-ben-mood']);
    const strict = await server.json('Observation?value-quantity=5', {
      token,
      headers: { Prefer: 'handling=strict' },
    });
    expect(strict.status).toBe(400);
  });

  it('searches by POST to _search with a form body', async () => {
    const response = await server.request('Observation/_search', {
      token,
      method: 'POST',
      body: 'patient=ben-ortiz',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(ids((await response.json()) as Bundle)).toEqual(['obs-ben-mood']);
  });

  it('answers the EHR pages through the unauthenticated internal API', async () => {
    const found = await server.fhir.internal.search('Observation', { patient: 'ben-ortiz' });
    expect(found.map((resource) => resource.id)).toEqual(['obs-ben-mood']);
    const patient = await server.fhir.internal.read<Patient>('Patient', 'amy-shaw');
    expect(patient?.name?.[0]?.family).toBe('Shaw');
    expect(await server.fhir.internal.read('Patient', 'nobody')).toBeUndefined();
  });
});
