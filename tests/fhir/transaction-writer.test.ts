import type { Bundle, BundleEntry, FhirResource } from 'fhir/r4';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FhirHttpError, NetworkError, VersionConflictError } from '../../src/fhir/fhir-errors';
import { createFhirSession, type SmartClient } from '../../src/fhir/smart-session';
import { writeTransaction } from '../../src/fhir/transaction-writer';
import { ASSUMED_CAPABILITIES } from '../../src/domain/server-capabilities';

const WITH_TRANSACTIONS = ASSUMED_CAPABILITIES;
const WITHOUT_BATCH = { ...ASSUMED_CAPABILITIES, known: true, transaction: false, batch: false };

const BASE = 'https://ehr.example.test/fhir';
const KEY_SYSTEM = 'https://peerbridge.example.test/sid/resource-key';
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const client: SmartClient = {
  state: { serverUrl: BASE, key: 'k', tokenResponse: { access_token: 't', patient: 'p1' } },
  getAuthorizationHeader: () => 'Bearer t',
  getFhirUser: () => null,
  refresh: () => Promise.resolve(),
};
const session = createFhirSession(client);

function entry(fullUrl: string, resource: FhirResource, key: string): BundleEntry {
  return {
    fullUrl,
    resource: { ...resource, identifier: [{ system: KEY_SYSTEM, value: key }] } as FhirResource,
    request: { method: 'POST', url: resource.resourceType, ifNoneExist: `identifier=${KEY_SYSTEM}|${key}` },
  };
}

const ENCOUNTER_URN = 'urn:uuid:0b6c7c1e-6d41-4c39-9f4e-0d0d7c1c0001';
const bundle: Bundle = {
  resourceType: 'Bundle',
  type: 'transaction',
  entry: [
    entry(
      ENCOUNTER_URN,
      { resourceType: 'Encounter', status: 'finished', class: { code: 'AMB' } },
      'd1:encounter',
    ),
    entry(
      'urn:uuid:0b6c7c1e-6d41-4c39-9f4e-0d0d7c1c0002',
      {
        resourceType: 'Observation',
        status: 'final',
        code: { text: 'note' },
        encounter: { reference: ENCOUNTER_URN },
        valueString: 'Talked about the choir',
      },
      'd1:narrative',
    ),
  ],
};

/** A tiny FHIR store keyed by identifier, enough to prove that retries never duplicate. */
function conditionalStore() {
  const byKey = new Map<string, FhirResource & { id: string }>();
  let nextId = 1;
  const save = (resource: FhirResource, condition: string | null) => {
    const key = (condition ?? '').split('|')[1] ?? '';
    const existing = byKey.get(key);
    if (existing) {
      return { resource: existing, created: false };
    }
    const stored = { ...resource, id: String(nextId++), meta: { versionId: '1' } } as FhirResource & {
      id: string;
    };
    byKey.set(key, stored);
    return { resource: stored, created: true };
  };
  return { byKey, save };
}

/** A server whose transaction answers 200 with no body, and whose batches answer with `entries`. */
function transactionSayingNothingThenBatch(entries: (sent: Bundle) => unknown[]): void {
  server.use(
    http.post(BASE, async ({ request }) => {
      const sent = (await request.json()) as Bundle;
      if (sent.type === 'transaction') {
        return new HttpResponse(null, { status: 200 });
      }
      return HttpResponse.json({ resourceType: 'Bundle', type: 'batch-response', entry: entries(sent) });
    }),
  );
}

describe('writeTransaction', () => {
  it('writes the whole note in one transaction request and returns the server ids', async () => {
    let posts = 0;
    server.use(
      http.post(BASE, async ({ request }) => {
        posts += 1;
        expect(request.headers.get('Prefer')).toBe('return=representation');
        const sent = (await request.json()) as Bundle;
        return HttpResponse.json({
          resourceType: 'Bundle',
          type: 'transaction-response',
          entry: (sent.entry ?? []).map((e, i) => ({
            response: {
              status: '201 Created',
              location: `${e.resource?.resourceType ?? ''}/${i + 10}/_history/1`,
            },
          })),
        });
      }),
    );
    const outcome = await writeTransaction(session, bundle, WITH_TRANSACTIONS);
    expect(posts).toBe(1);
    expect(outcome.requestCount).toBe(1);
    expect(outcome.written.map((w) => [w.resourceType, w.id, w.versionId, w.created])).toEqual([
      ['Encounter', '10', '1', true],
      ['Observation', '11', '1', true],
    ]);
  });

  it('finds the ids by identifier when the transaction response says nothing useful', async () => {
    transactionSayingNothingThenBatch((sent) =>
      (sent.entry ?? []).map((e, i) => ({
        response: { status: '200' },
        resource: {
          resourceType: 'Bundle',
          type: 'searchset',
          entry: [{ resource: { resourceType: (e.request?.url ?? '').split('?')[0], id: `found-${i}` } }],
        },
      })),
    );
    const outcome = await writeTransaction(session, bundle, WITH_TRANSACTIONS);
    expect(outcome.requestCount).toBe(2);
    expect(outcome.written.map((w) => w.id)).toEqual(['found-0', 'found-1']);
  });

  it('writes ordered conditional creates where the server has no transactions, resolving references', async () => {
    const store = conditionalStore();
    const observationEncounterRefs: (string | undefined)[] = [];
    server.use(
      http.post(`${BASE}/:type`, async ({ request }) => {
        const resource = (await request.json()) as FhirResource;
        if (resource.resourceType === 'Observation') {
          observationEncounterRefs.push(resource.encounter?.reference);
        }
        const { resource: stored, created } = store.save(resource, request.headers.get('If-None-Exist'));
        return HttpResponse.json(stored, {
          status: created ? 201 : 200,
          headers: { Location: `${BASE}/${stored.resourceType}/${stored.id}/_history/1` },
        });
      }),
    );
    const outcome = await writeTransaction(session, bundle, WITHOUT_BATCH);
    expect(outcome.requestCount).toBe(2);
    expect(observationEncounterRefs).toEqual(['Encounter/1']);
  });

  it('searches by identifier when a create answers with an empty body and no Location', async () => {
    const store = conditionalStore();
    server.use(
      http.post(`${BASE}/:type`, async ({ request }) => {
        store.save((await request.json()) as FhirResource, request.headers.get('If-None-Exist'));
        return new HttpResponse(null, { status: 201 });
      }),
      http.get(`${BASE}/:type`, ({ request }) => {
        const key = new URL(request.url).searchParams.get('identifier')?.split('|')[1] ?? '';
        const stored = store.byKey.get(key);
        return HttpResponse.json({
          resourceType: 'Bundle',
          type: 'searchset',
          entry: stored ? [{ resource: stored }] : [],
        });
      }),
    );
    const outcome = await writeTransaction(session, bundle, WITHOUT_BATCH);
    expect(outcome.written.map((w) => w.id)).toEqual(['1', '2']);
    expect(outcome.requestCount).toBe(4);
  });

  it('writes nothing twice when the first answer was lost and the save is retried', async () => {
    const store = conditionalStore();
    let dropNextAnswer = true;
    server.use(
      http.post(`${BASE}/:type`, async ({ request }) => {
        const { resource, created } = store.save(
          (await request.json()) as FhirResource,
          request.headers.get('If-None-Exist'),
        );
        if (dropNextAnswer) {
          dropNextAnswer = false;
          return HttpResponse.error();
        }
        return HttpResponse.json(resource, { status: created ? 201 : 200 });
      }),
    );
    await expect(writeTransaction(session, bundle, WITHOUT_BATCH)).rejects.toBeInstanceOf(NetworkError);
    const retry = await writeTransaction(session, bundle, WITHOUT_BATCH);
    expect(store.byKey.size).toBe(2);
    expect(retry.written.map((w) => w.created)).toEqual([false, true]);
  });

  it('falls back to conditional creates when a server refuses the transaction interaction', async () => {
    const store = conditionalStore();
    server.use(
      http.post(BASE, () => new HttpResponse(null, { status: 405 })),
      http.post(`${BASE}/:type`, async ({ request }) => {
        const { resource, created } = store.save(
          (await request.json()) as FhirResource,
          request.headers.get('If-None-Exist'),
        );
        return HttpResponse.json(resource, { status: created ? 201 : 200 });
      }),
    );
    const outcome = await writeTransaction(session, bundle, WITH_TRANSACTIONS);
    expect(outcome.written).toHaveLength(2);
    expect(store.byKey.size).toBe(2);
  });

  describe('reads every entry’s own status', () => {
    const refused: BundleEntry['response'] = {
      status: '422 Unprocessable Entity',
      outcome: {
        resourceType: 'OperationOutcome',
        issue: [{ severity: 'error', code: 'processing', diagnostics: 'Observation.status is required' }],
      },
    };

    /** A server whose transaction answers 200 as a whole, with the second entry refused inside it. */
    function transactionAnswering(second: BundleEntry['response']) {
      server.use(
        http.post(BASE, () =>
          HttpResponse.json({
            resourceType: 'Bundle',
            type: 'transaction-response',
            entry: [
              { response: { status: '201 Created', location: 'Encounter/10/_history/1' } },
              { response: second },
            ],
          }),
        ),
      );
    }

    it('rejects a transaction answer with a 4xx entry, keeping its status and OperationOutcome', async () => {
      transactionAnswering(refused);
      const error = await writeTransaction(session, bundle, {
        ...ASSUMED_CAPABILITIES,
        transaction: true,
        batch: true,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FhirHttpError);
      expect(error).toMatchObject({ status: 422 });
      expect((error as FhirHttpError).outcome?.issue[0]?.diagnostics).toBe('Observation.status is required');
    });

    it('rejects a transaction answer with a 412 entry as a version conflict', async () => {
      transactionAnswering({ status: '412 Precondition Failed' });
      await expect(
        writeTransaction(session, bundle, { ...ASSUMED_CAPABILITIES, transaction: true, batch: true }),
      ).rejects.toBeInstanceOf(VersionConflictError);
    });

    it('rejects when a batch search for what the transaction wrote answers an entry with 403', async () => {
      transactionSayingNothingThenBatch(() => [
        { response: { status: '200 OK' }, resource: { resourceType: 'Bundle', type: 'searchset' } },
        {
          response: { status: '403 Forbidden' },
          resource: {
            resourceType: 'OperationOutcome',
            issue: [{ severity: 'error', code: 'forbidden', diagnostics: 'No access to Observation' }],
          },
        },
      ]);
      const error = await writeTransaction(session, bundle, {
        ...ASSUMED_CAPABILITIES,
        transaction: true,
        batch: true,
      }).catch((e: unknown) => e);
      expect(error).toMatchObject({ status: 403 });
      expect((error as FhirHttpError).outcome?.issue[0]?.code).toBe('forbidden');
    });
  });
});
