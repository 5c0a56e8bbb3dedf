import { describe, expect, it } from 'vitest';
import { personSession } from '../../src/fhir/person-session';
import type { FhirResponse, FhirSession } from '../../src/fhir/smart-session';

const home: FhirSession = {
  context: {
    serverUrl: 'https://ehr.example.test/fhir',
    launchKey: 'state-1',
    encounterId: 'enc-chart',
    fhirUser: { resourceType: 'Practitioner', id: 'pr-1' },
    needPatientBanner: false,
    grantedScope: 'user/Patient.rs',
  },
  request: (path: string): Promise<FhirResponse> =>
    Promise.resolve({ status: 200, headers: new Headers(), body: { path } }),
};

describe('personSession', () => {
  it('names the person, keys the launch by them and drops any launch encounter', () => {
    const context = personSession(home, 'pt-ana').context;
    expect(context).toMatchObject({
      patientId: 'pt-ana',
      launchKey: 'state-1|Patient/pt-ana',
      needPatientBanner: true,
    });
    expect(context.encounterId).toBeUndefined();
    expect(context.grantedScope).toBe('user/Patient.rs');
  });

  it('gives two people two launch keys, so nothing kept per launch carries across', () => {
    expect(personSession(home, 'pt-ana').context.launchKey).not.toBe(
      personSession(home, 'pt-ben').context.launchKey,
    );
  });

  it('sends requests with the same token as the home session', async () => {
    const response = await personSession(home, 'pt-ana').request('Patient/pt-ana');
    expect(response.body).toEqual({ path: 'Patient/pt-ana' });
  });
});
