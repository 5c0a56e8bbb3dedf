import type { FhirResource } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { ASSUMED_CAPABILITIES } from '../../src/domain/server-capabilities';
import { FhirHttpError } from '../../src/fhir/fhir-errors';
import { loadHistory } from '../../src/fhir/patient-history-query';
import type { FhirResponse, FhirSession } from '../../src/fhir/smart-session';
import { vendorCapabilities } from '../support/vendor-capabilities';

const SERVER = 'https://ehr.example.test/fhir';
const ENCOUNTER: FhirResource = {
  resourceType: 'Encounter',
  id: 'e1',
  status: 'finished',
  class: { code: 'AMB' },
};
const NARRATIVE: FhirResource = {
  resourceType: 'Observation',
  id: 'o1',
  status: 'final',
  code: { text: 'narrative' },
  encounter: { reference: 'Encounter/e1' },
};

function searchset(resources: FhirResource[]): unknown {
  return { resourceType: 'Bundle', type: 'searchset', entry: resources.map((resource) => ({ resource })) };
}

/** Like the SMART reference launcher's server: ignores _revinclude without saying so. */
function launcherLike(refuse: (path: string) => boolean = () => false) {
  const sent: string[] = [];
  const session: FhirSession = {
    context: {
      serverUrl: SERVER,
      launchKey: 'k',
      patientId: 'pt-1',
      needPatientBanner: false,
      grantedScope: '',
    },
    request(path: string): Promise<FhirResponse> {
      sent.push(path);
      if (refuse(path)) {
        return Promise.reject(new FhirHttpError(400, undefined));
      }
      const answers: Record<string, FhirResource[]> = { Encounter: [ENCOUNTER], Observation: [NARRATIVE] };
      const body = searchset(answers[path.split('?')[0] ?? ''] ?? []);
      return Promise.resolve({ status: 200, headers: new Headers(), body });
    },
  };
  return { session, sent };
}

describe('loadHistory', () => {
  it("fetches the page's note parts apart where the server lists no _revinclude, and says they are loaded", async () => {
    const { session, sent } = launcherLike();
    const page = await loadHistory({
      session,
      patientId: 'pt-1',
      capabilities: () => Promise.resolve(ASSUMED_CAPABILITIES),
    });
    expect(sent[0]).not.toMatch(/_revinclude/);
    const parts = sent.slice(1).filter((p) => !p.startsWith('DocumentReference?'));
    expect(parts.map((p) => p.split('?')[0])).toEqual([
      'Observation',
      'QuestionnaireResponse',
      'Task',
      'Provenance',
    ]);
    expect(page.related).toContainEqual(NARRATIVE);
    expect(page.loaded).toEqual({ observations: true, responses: true, tasks: true, provenances: true });
  });

  it('marks a part not loaded when its search is refused or no listed parameter can fetch it', async () => {
    const { session } = launcherLike((path) => path.startsWith('Task?'));
    const page = await loadHistory({
      session,
      patientId: 'pt-1',
      capabilities: () => Promise.resolve(vendorCapabilities('epic')),
    });
    expect(page.loaded).toEqual({ observations: true, responses: true, tasks: false, provenances: false });
  });

  it("reads the patient's clinical notes with the first page, in one search of listed parameters", async () => {
    const { session, sent } = launcherLike();
    const page = await loadHistory({
      session,
      patientId: 'pt-1',
      capabilities: () => Promise.resolve(vendorCapabilities('oracle')),
    });
    expect(sent.filter((p) => p.startsWith('DocumentReference?'))).toEqual([
      'DocumentReference?patient=Patient%2Fpt-1&_count=50',
    ]);
    expect(page.notes).toEqual({ documents: [], loaded: true });
  });

  it('keeps the encounters and says the notes were not loaded when the notes search is refused', async () => {
    const { session } = launcherLike((path) => path.startsWith('DocumentReference?'));
    const page = await loadHistory({
      session,
      patientId: 'pt-1',
      capabilities: () => Promise.resolve(vendorCapabilities('epic')),
    });
    expect(page.encounters).toHaveLength(1);
    expect(page.notes?.loaded).toBe(false);
  });
});
