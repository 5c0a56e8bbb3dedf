/** The FHIR contract on the Medplum-engine sandbox, over real HTTP on loopback. */
import { startTestFhirServer } from '../sandbox/fhir/fhir-test-server';
import { fetchUnder } from './contract-server';
import { describeFhirContract } from './fhir-contract';

describeFhirContract('the Medplum-engine sandbox', async (seed) => {
  const sandbox = await startTestFhirServer({ seed: () => [...seed] });
  return {
    base: sandbox.baseUrl,
    request: fetchUnder(sandbox.baseUrl, { Authorization: 'Bearer clinician' }),
    stop: () => sandbox.stop(),
  };
});
