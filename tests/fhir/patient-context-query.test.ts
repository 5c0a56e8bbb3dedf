import type { Bundle, FhirResource } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { readServerCapabilities, type ServerCapabilities } from '../../src/domain/server-capabilities';
import { FhirHttpError } from '../../src/fhir/fhir-errors';
import { loadPatientContext } from '../../src/fhir/patient-context-query';
import type { FhirResponse, FhirSession, RequestOptions } from '../../src/fhir/smart-session';
import { vendorCapabilities, vendorStatement } from '../support/vendor-capabilities';

const PATIENT = 'pt-maria-santos';
const ALEX = { resourceType: 'Practitioner', id: 'pr-alex-rivera' } as const;

const PEER_ROLE: FhirResource = {
  resourceType: 'PractitionerRole',
  id: 'role-alex',
  practitioner: { reference: 'Practitioner/pr-alex-rivera' },
  specialty: [{ coding: [{ system: 'http://nucc.org/provider-taxonomy', code: '175T00000X' }] }],
};

interface Sent {
  readonly path: string;
  readonly method: string;
}

/** A session that answers reads from a few resources, refuses batch as told, and records what was sent. */
function fakeSession(batch: 'refused' | 'entries-fail' | 'ok') {
  const sent: Sent[] = [];
  let running = 0;
  let mostAtOnce = 0;
  function answer(path: string): unknown {
    if (path === `Patient/${PATIENT}`) {
      return { resourceType: 'Patient', id: PATIENT };
    }
    if (path === 'Practitioner/pr-alex-rivera') {
      return { resourceType: 'Practitioner', id: 'pr-alex-rivera', name: [{ text: 'Alex Rivera' }] };
    }
    const entries = path.startsWith('PractitionerRole?') ? [{ resource: PEER_ROLE }] : [];
    return { resourceType: 'Bundle', type: 'searchset', entry: entries };
  }
  const session: FhirSession = {
    context: {
      serverUrl: 'https://ehr.example.test/fhir',
      launchKey: 'k',
      patientId: PATIENT,
      fhirUser: ALEX,
      needPatientBanner: false,
      grantedScope: '',
    },
    async request(path: string, options: RequestOptions = {}): Promise<FhirResponse> {
      sent.push({ path, method: options.method ?? 'GET' });
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      await Promise.resolve();
      running -= 1;
      if (options.method === 'POST') {
        if (batch === 'refused') {
          throw new FhirHttpError(405, undefined);
        }
        const body = options.body as Bundle;
        return {
          status: 200,
          headers: new Headers(),
          body: {
            resourceType: 'Bundle',
            type: 'batch-response',
            entry: (body.entry ?? []).map((entry) =>
              batch === 'entries-fail'
                ? { response: { status: '400 Bad Request' } }
                : { response: { status: '200 OK' }, resource: answer(entry.request?.url ?? '') },
            ),
          },
        };
      }
      return { status: 200, headers: new Headers(), body: answer(path) };
    },
  };
  return { session, sent, mostAtOnce: () => mostAtOnce };
}

const epic = (): Promise<ServerCapabilities> => Promise.resolve(vendorCapabilities('epic'));

describe('loadPatientContext', () => {
  it('falls back to at most four parallel reads when the server refuses batch (Epic)', async () => {
    const fake = fakeSession('refused');
    const context = await loadPatientContext(fake.session, PATIENT, { capabilities: epic });
    expect(fake.sent[0]?.method).toBe('POST');
    expect(fake.sent.slice(1).every((r) => r.method === 'GET')).toBe(true);
    expect(fake.mostAtOnce()).toBeLessThanOrEqual(4);
    expect(context.patient?.id).toBe(PATIENT);
    expect(context.user?.role.kind).toBe('peer');
    expect(context.unavailable).toEqual([]);
  });

  it('reads again, one search each, the batch entries the server refused', async () => {
    const fake = fakeSession('entries-fail');
    const context = await loadPatientContext(fake.session, PATIENT, { capabilities: epic });
    const gets = fake.sent.filter((r) => r.method === 'GET').map((r) => r.path);
    expect(gets).toContain(`Patient/${PATIENT}`);
    expect(gets.join(' ')).not.toMatch(/_include/);
    expect(context.user?.name).toBe('Alex Rivera');
    expect(context.unavailable).toEqual([]);
  });

  it('sends no batch at all when the cached statement lists none', async () => {
    const fake = fakeSession('ok');
    const cached = vendorCapabilities('oracle');
    await loadPatientContext(fake.session, PATIENT, { cachedCapabilities: cached, capabilities: epic });
    expect(fake.sent.some((r) => r.method === 'POST')).toBe(false);
    expect(fake.sent.some((r) => r.path.startsWith('PractitionerRole'))).toBe(false);
  });

  it('does not wait for the statement when the optimistic batch is answered', async () => {
    const fake = fakeSession('ok');
    const never = () => new Promise<ServerCapabilities>(() => undefined);
    const context = await loadPatientContext(fake.session, PATIENT, { capabilities: never });
    expect(fake.sent).toHaveLength(1);
    expect(context.user?.role.kind).toBe('peer');
  });

  it('recognises a peer the site lists in its runtime config', async () => {
    const fake = fakeSession('refused');
    const statement = vendorStatement('oracle');
    const context = await loadPatientContext(fake.session, PATIENT, {
      capabilities: () => Promise.resolve(readServerCapabilities(statement)),
      recognition: { roleCodes: [], users: ['https://ehr.example.test/fhir/Practitioner/pr-alex-rivera'] },
    });
    expect(context.user?.role.kind).toBe('peer');
  });
});
