import type { Bundle, Observation, OperationOutcome } from 'fhir/r4';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encounterExample } from '../../../fhir-profiles/fixtures';
import type { TestFhirServer } from './fhir-test-server';
import { observation, startTestFhirServer } from './fhir-test-server';

let server: TestFhirServer;
beforeEach(async () => {
  server = await startTestFhirServer();
});
afterEach(async () => {
  await server.stop();
});

const token = 'clinician';
const CONTACT_MODE = 'https://peerbridge.example.org/fhir/StructureDefinition/contact-mode';

/** An Observation without its required status (R4 cardinality 1..1). */
function withoutStatus(id: string): Observation {
  const invalid: Partial<Observation> = observation(id, 'amy-shaw', '2025-04-01T00:00:00Z');
  delete invalid.status;
  return invalid as Observation;
}

const expressions = (outcome: OperationOutcome): string[] =>
  outcome.issue.flatMap((issue) => issue.expression ?? []);

describe('validation on write', () => {
  it('refuses a create that breaks base R4 with 422 and an OperationOutcome naming the element', async () => {
    const response = await server.json<OperationOutcome>('Observation', {
      token,
      method: 'POST',
      body: withoutStatus('ignored'),
    });
    expect(response.status).toBe(422);
    expect(response.body.resourceType).toBe('OperationOutcome');
    expect(expressions(response.body)).toContain('Observation.status');
  });

  it('refuses an update that breaks base R4 with 422 and keeps the stored version', async () => {
    const response = await server.json<OperationOutcome>('Observation/obs-amy-mood', {
      token,
      method: 'PUT',
      body: withoutStatus('obs-amy-mood'),
    });
    expect(response.status).toBe(422);
    const stored = await server.json<Observation>('Observation/obs-amy-mood', { token });
    expect(stored.body.status).toBe('final');
  });

  it('refuses a resource that claims a PeerBridge profile and breaks it', async () => {
    const encounter = encounterExample();
    encounter.extension = encounter.extension?.filter((extension) => extension.url !== CONTACT_MODE);
    const response = await server.json<OperationOutcome>('Encounter', {
      token,
      method: 'POST',
      body: encounter,
    });
    expect(response.status).toBe(422);
    expect(response.body.issue[0]?.diagnostics).toMatch(/contactMode/);
    const valid = await server.json('Encounter', { token, method: 'POST', body: encounterExample() });
    expect(valid.status).toBe(201);
  });

  it('fails a transaction with one invalid entry with 422 before writing anything', async () => {
    const response = await server.json<OperationOutcome>('', {
      token,
      method: 'POST',
      body: {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          {
            request: { method: 'POST', url: 'Observation' },
            resource: observation('a', 'amy-shaw', '2025-05-01'),
          },
          { request: { method: 'POST', url: 'Observation' }, resource: withoutStatus('b') },
        ],
      },
    });
    expect(response.status).toBe(422);
    expect(response.body.issue[0]?.diagnostics).toMatch(/^Bundle\.entry\[1\]/);
    expect((await server.json<Bundle>('Observation?_count=0', { token })).body.total).toBe(3);
  });
});
