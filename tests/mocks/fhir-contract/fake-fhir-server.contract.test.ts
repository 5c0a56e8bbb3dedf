/** The FHIR contract on the in-browser fake, through fetch and msw as the app and the demo reach it. */
import { setupServer } from 'msw/node';
import { afterAll, beforeAll } from 'vitest';
import { MemoryFhirServer } from '../../../mocks/fake-fhir-server/memory-fhir-server';
import { fakeFhirHandlers } from '../../../mocks/fake-fhir-server/msw-handlers';
import { fetchUnder } from './contract-server';
import { describeFhirContract } from './fhir-contract';

const BASE = 'https://fake-ehr.example.test/fhir';
const network = setupServer();

beforeAll(() => network.listen({ onUnhandledRequest: 'error' }));
afterAll(() => network.close());

describeFhirContract('the in-browser fake', (seed) => {
  let next = 0;
  const server = new MemoryFhirServer({
    base: BASE,
    seed,
    newId: () => `fake-${String(++next)}`,
    now: () => new Date().toISOString(),
  });
  network.use(...fakeFhirHandlers(server));
  return Promise.resolve({
    base: BASE,
    request: fetchUnder(BASE),
    stop: () => {
      network.resetHandlers();
      return Promise.resolve();
    },
  });
});
