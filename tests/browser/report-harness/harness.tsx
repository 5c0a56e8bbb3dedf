/**
 * Test harness, never built into the app: the program report screen alone, as the home workspace
 * will show it, over the demo's in-browser FHIR server holding the hand-worked fixture. It proves the
 * screen in real Chromium before the home shell (another change) can open it from a tab.
 */
import type { CapabilityStatement } from 'fhir/r4';
import { render } from 'preact';
import { MemoryFhirServer } from '../../../mocks/fake-fhir-server/memory-fhir-server';
import { buildProgramReportFixture } from '../../../mocks/fixtures/program-report-fixture';
import { readServerCapabilities } from '../../../src/domain/server-capabilities';
import { FhirHttpError } from '../../../src/fhir/fhir-errors';
import type { FhirResponse, FhirSession } from '../../../src/fhir/smart-session';
import { DEFAULT_ISSUER_OPTIONS } from '../../../src/domain/runtime-config-issuer';
import { ProgramReportScreen } from '../../../src/ui/report/ProgramReportScreen';
import '../../../src/ui/styles.css';

const BASE = 'https://harness.example.test/fhir';
const server = new MemoryFhirServer({
  base: BASE,
  seed: buildProgramReportFixture(),
  newId: () => crypto.randomUUID(),
  now: () => new Date().toISOString(),
});
const requests: string[] = [];
(window as unknown as { reportRequests: string[] }).reportRequests = requests;

const session: FhirSession = {
  context: {
    serverUrl: BASE,
    launchKey: 'harness',
    needPatientBanner: false,
    grantedScope: 'openid fhirUser user/*.rs',
  },
  request(path: string): Promise<FhirResponse> {
    const relative = path.startsWith(`${BASE}/`) ? path.slice(BASE.length + 1) : path;
    requests.push(relative);
    const reply = server.handle({ method: 'GET', path: relative });
    return reply.status >= 400
      ? Promise.reject(new FhirHttpError(reply.status, undefined))
      : Promise.resolve({ status: reply.status, body: reply.body, headers: new Headers(reply.headers) });
  },
};
const statement = server.handle({ method: 'GET', path: 'metadata' }).body as CapabilityStatement;

const root = document.getElementById('app');
if (root) {
  render(
    <ProgramReportScreen
      session={session}
      server={{
        capabilities: Promise.resolve(readServerCapabilities(statement)),
        options: DEFAULT_ISSUER_OPTIONS,
      }}
      user={{
        name: 'Alex Rivera',
        role: { kind: 'peer', label: 'Adult peer support' },
        reference: 'Practitioner/pr-alex-rivera',
        practitioner: 'Practitioner/pr-alex-rivera',
      }}
      openPerson={() => undefined}
    />,
    root,
  );
}
