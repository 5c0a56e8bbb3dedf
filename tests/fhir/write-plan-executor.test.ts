import type { Bundle, FhirResource } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { vendorStatement } from '../support/vendor-capabilities';
import { devonGroupDraft, fixtureContext, mariaIndividualDraft } from '../../mocks/fixtures/drafts';
import { plannedSave } from '../../src/domain/planned-save';
import type { PeerEncounterDraft } from '../../src/domain/peer-encounter-draft';
import { keyOfResource } from '../../src/domain/resource-keys';
import {
  ASSUMED_CAPABILITIES,
  readServerCapabilities,
  type ServerCapabilities,
} from '../../src/domain/server-capabilities';
import { DEFAULT_WRITE_PLAN_SITE, planWrites, type WritePart } from '../../src/domain/write-plan';
import { FhirHttpError, NetworkError } from '../../src/fhir/fhir-errors';
import type { FhirResponse, FhirSession, RequestOptions } from '../../src/fhir/smart-session';
import { sessionLedger, sessionRefusals } from '../../src/fhir/write-ledger';
import { executeWritePlan } from '../../src/fhir/write-plan-executor';
import { NoteRefusedError } from '../../src/fhir/write-refusals';

function vendor(name: 'epic' | 'oracle'): ServerCapabilities {
  return readServerCapabilities(vendorStatement(name));
}
const epic = vendor('epic');
const oracle = vendor('oracle');
const SCOPES = 'launch openid fhirUser patient/*.cruds user/*.cruds';

interface FakeOptions {
  /** Types the server refuses with 422 (Encounter on Oracle: unsupported elements). */
  readonly refuse?: readonly string[];
  /** Types whose create is stored but whose answer is lost, once. */
  readonly dropAnswerOnce?: readonly string[];
  /** Creates answered 201 with an empty body, Location and ETag only (Oracle). */
  readonly emptyCreates?: boolean;
}

/** A vendor-shaped FHIR server in memory: creates, identifier and patient searches, scripted refusals. */
function fakeServer(options: FakeOptions = {}) {
  const stored: FhirResource[] = [];
  const requests: string[] = [];
  const drop = new Set(options.dropAnswerOnce ?? []);
  let next = 1;
  const answer = (status: number, body?: unknown, headers: Record<string, string> = {}): FhirResponse => ({
    status,
    body,
    headers: new Headers(headers),
  });
  const session: FhirSession = {
    context: { serverUrl: 'https://ehr.example.test/fhir' } as FhirSession['context'],
    request: (path: string, init: RequestOptions = {}): Promise<FhirResponse> => {
      const method = init.method ?? 'GET';
      requests.push(`${method} ${path}`);
      if (method === 'GET') {
        const [type, query = ''] = path.split('?');
        const params = new URLSearchParams(query);
        const patient = params.get('patient');
        const matches = stored.filter(
          (r) =>
            r.resourceType === type &&
            (!patient || JSON.stringify(r).includes(`"Patient/${patient}"`)) &&
            (!params.get('identifier') || keyOfResource(r) === params.get('identifier')?.split('|')[1]),
        );
        const bundle: Bundle = {
          resourceType: 'Bundle',
          type: 'searchset',
          entry: matches.map((resource) => ({ resource })),
        };
        return Promise.resolve(answer(200, bundle));
      }
      const resource = init.body as FhirResource;
      if (options.refuse?.includes(resource.resourceType)) {
        return Promise.reject(new FhirHttpError(422, undefined));
      }
      const id = `id-${next++}`;
      stored.push({ ...resource, id, meta: { ...resource.meta, versionId: '1' } });
      if (drop.delete(resource.resourceType)) {
        return Promise.reject(new NetworkError(false));
      }
      const location = `https://ehr.example.test/fhir/${resource.resourceType}/${id}`;
      return Promise.resolve(
        options.emptyCreates
          ? answer(201, undefined, { Location: location, ETag: 'W/"1"' })
          : answer(201, { ...resource, id, meta: { versionId: '1' } }),
      );
    },
  };
  return {
    session,
    stored,
    requests,
    count: (type: string) => stored.filter((r) => r.resourceType === type).length,
  };
}

function memoryStore(): Pick<Storage, 'getItem' | 'setItem'> {
  const map = new Map<string, string>();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}

function setup(capabilities: ServerCapabilities, draft: PeerEncounterDraft, refused: WritePart[] = []) {
  const store = memoryStore();
  const ledger = sessionLedger(store, 'https://ehr.example.test/fhir');
  const refusals = sessionRefusals(store, 'https://ehr.example.test/fhir');
  refused.forEach((part) => refusals.remember(part));
  const save = () => {
    const plan = planWrites({
      capabilities,
      grantedScope: SCOPES,
      site: DEFAULT_WRITE_PLAN_SITE,
      refused: refusals.refused(),
    });
    return plannedSave(draft, plan, { ...fixtureContext(), encounterId: 'enc-launch' });
  };
  return { ledger, refusals, save, deps: () => ({ capabilities, ledger, refusals }) };
}

describe('executing a write plan on an Epic-shaped server', () => {
  it('writes the clinical note from a 201 with only Location and ETag', async () => {
    const server = fakeServer({ emptyCreates: true });
    const s = setup(epic, mariaIndividualDraft);
    const report = await executeWritePlan(server.session, s.save(), s.deps());
    expect(report.note).toMatchObject({ resourceType: 'DocumentReference', id: 'id-1', versionId: '1' });
    expect(server.requests).toEqual(['POST DocumentReference']);
    expect(report.message).toBe(
      'Saved to the EHR as a clinical note. New goals, the encounter, activities, goal progress, response and measures: only inside the note.',
    );
  });

  it('sends no If-None-Exist, since the server lists no conditional create', async () => {
    const server = fakeServer();
    const seen: (string | undefined)[] = [];
    const request = server.session.request.bind(server.session);
    const session: FhirSession = {
      ...server.session,
      request: (path, init) => {
        seen.push(init?.headers?.['If-None-Exist']);
        return request(path, init);
      },
    };
    const s = setup(epic, mariaIndividualDraft);
    await executeWritePlan(session, s.save(), s.deps());
    expect(seen).toEqual([undefined]);
  });

  it('finds the note on a retry after its answer was lost, and does not post it again', async () => {
    const server = fakeServer({ dropAnswerOnce: ['DocumentReference'], emptyCreates: true });
    const s = setup(epic, mariaIndividualDraft);
    await expect(executeWritePlan(server.session, s.save(), s.deps())).rejects.toBeInstanceOf(NetworkError);
    const report = await executeWritePlan(server.session, s.save(), s.deps());
    expect(server.count('DocumentReference')).toBe(1);
    expect(report.note?.id).toBe('id-1');
    expect(server.requests.at(-1)).toBe('GET DocumentReference?patient=pt-maria-santos&_count=100');
  });

  it('sends nothing again when the ledger says the note landed', async () => {
    const server = fakeServer();
    const s = setup(epic, mariaIndividualDraft);
    await executeWritePlan(server.session, s.save(), s.deps());
    const again = await executeWritePlan(server.session, s.save(), s.deps());
    expect(again.requestCount).toBe(0);
    expect(server.count('DocumentReference')).toBe(1);
  });

  it('sends the follow-up as a Communication to the chosen practitioner, pointing at the note', async () => {
    const server = fakeServer();
    const s = setup(epic, devonGroupDraft);
    const report = await executeWritePlan(server.session, s.save(), s.deps());
    const message = server.stored.find((r) => r.resourceType === 'Communication');
    expect(report.followUp).toBe('communication');
    expect(message).toMatchObject({ about: [{ reference: 'DocumentReference/id-1' }] });
  });

  it('keeps the follow-up in the note, and says so, when the Communication is refused', async () => {
    const server = fakeServer({ refuse: ['Communication'] });
    const s = setup(epic, devonGroupDraft);
    const report = await executeWritePlan(server.session, s.save(), s.deps());
    expect(report.followUp).toBe('not-sent');
    expect(report.message).toContain(
      "This EHR does not accept requests from apps: send it from the EHR's inbox too.",
    );
    expect(s.refusals.refused()).toContain('communication');
  });
});

describe('executing a write plan on an Oracle-shaped server', () => {
  it('reports a refused Encounter after the note landed as a partial write, and remembers it', async () => {
    const server = fakeServer({ refuse: ['Encounter'], emptyCreates: true });
    const s = setup(oracle, mariaIndividualDraft);
    const report = await executeWritePlan(server.session, s.save(), s.deps());
    expect(report.note?.resourceType).toBe('DocumentReference');
    expect(report.refused).toEqual(['encounter']);
    expect(report.onlyInNote).toEqual(expect.arrayContaining(['encounter', 'observations']));
    expect(server.count('Observation')).toBe(0);
    expect(report.message).toMatch(
      /^Saved to the EHR as a clinical note\. This EHR did not accept the encounter\./,
    );
    expect(s.refusals.refused()).toEqual(['encounter']);
  });

  it('plans around the refusal on the next save, sending only the note', async () => {
    const server = fakeServer({ refuse: ['Encounter'] });
    const s = setup(oracle, mariaIndividualDraft, ['encounter']);
    await executeWritePlan(server.session, s.save(), s.deps());
    expect(server.requests).toEqual(['POST DocumentReference']);
  });

  it('keeps what landed before a refusal, and never re-posts it on a retry', async () => {
    const server = fakeServer({ dropAnswerOnce: ['Observation'] });
    const s = setup(oracle, mariaIndividualDraft);
    await expect(executeWritePlan(server.session, s.save(), s.deps())).rejects.toBeInstanceOf(NetworkError);
    await executeWritePlan(server.session, s.save(), s.deps());
    expect(server.count('DocumentReference')).toBe(1);
    expect(server.count('Encounter')).toBe(1);
  });

  it('throws a NoteRefusedError, keeping nothing half-written, when the note is refused', async () => {
    const server = fakeServer({ refuse: ['DocumentReference'] });
    const s = setup(oracle, mariaIndividualDraft);
    const error: unknown = await executeWritePlan(server.session, s.save(), s.deps()).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NoteRefusedError);
    expect((error as Error).message).toMatch(/Your draft is kept in this browser/);
    expect(server.stored).toEqual([]);
  });

  it('remembers a refused preliminary note, so later drafts stay in the browser', async () => {
    const server = fakeServer({ refuse: ['DocumentReference'] });
    const s = setup(oracle, { ...mariaIndividualDraft, status: 'draft' });
    await expect(executeWritePlan(server.session, s.save(), s.deps())).rejects.toBeInstanceOf(
      NoteRefusedError,
    );
    expect(s.refusals.refused()).toContain('draft-note');
    expect(s.save().note).toBeUndefined();
  });
});

describe('executing a write plan on a server with transactions', () => {
  const withTransactions: ServerCapabilities = { ...ASSUMED_CAPABILITIES, transaction: true };

  it('writes the note and the structured record in one transaction, the note first', async () => {
    const bundles: Bundle[] = [];
    const s = setup(withTransactions, mariaIndividualDraft);
    const session: FhirSession = {
      context: { serverUrl: 'https://ehr.example.test/fhir' } as FhirSession['context'],
      request: (_path, init) => {
        const bundle = init?.body as Bundle;
        bundles.push(bundle);
        return Promise.resolve({
          status: 200,
          headers: new Headers(),
          body: {
            resourceType: 'Bundle',
            type: 'transaction-response',
            entry: (bundle.entry ?? []).map((entry, i) => ({
              response: {
                status: '201 Created',
                location: `${entry.resource?.resourceType ?? ''}/r${i}/_history/1`,
              },
            })),
          },
        });
      },
    };
    const report = await executeWritePlan(session, s.save(), s.deps());
    expect(bundles).toHaveLength(1);
    expect(bundles[0]?.entry?.[0]?.resource?.resourceType).toBe('DocumentReference');
    expect(report.note?.id).toBe('r0');
    expect(report.message).toBe('Saved to the EHR as a clinical note with its structured details.');
  });

  it('writes the note alone when the transaction is refused, and keeps the structured record in it', async () => {
    const paths: string[] = [];
    const s = setup(withTransactions, mariaIndividualDraft);
    const session: FhirSession = {
      context: { serverUrl: 'https://ehr.example.test/fhir' } as FhirSession['context'],
      request: (path, init) => {
        paths.push(path);
        if (path === '') {
          return Promise.reject(new FhirHttpError(422, undefined));
        }
        const body = init?.body as FhirResource;
        return Promise.resolve({ status: 201, headers: new Headers(), body: { ...body, id: 'note-1' } });
      },
    };
    const report = await executeWritePlan(session, s.save(), s.deps());
    expect(paths).toEqual(['', 'DocumentReference']);
    expect(report.note?.id).toBe('note-1');
    expect(report.onlyInNote).toEqual(expect.arrayContaining(['encounter', 'observations', 'goals']));
  });
});
