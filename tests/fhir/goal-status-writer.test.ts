import type { Goal } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { vendorStatement } from '../support/vendor-capabilities';
import { fixtureContext, mariaIndividualDraft } from '../../mocks/fixtures/drafts';
import { goalStatusChanges, goalWithAchievement } from '../../src/domain/goal-status';
import { plannedSave } from '../../src/domain/planned-save';
import { readServerCapabilities, type ServerCapabilities } from '../../src/domain/server-capabilities';
import { DEFAULT_WRITE_PLAN_SITE, planWrites } from '../../src/domain/write-plan';
import { FhirHttpError, NetworkError } from '../../src/fhir/fhir-errors';
import { writeGoalStatuses } from '../../src/fhir/goal-status-writer';
import type { FhirResponse, FhirSession, RequestOptions } from '../../src/fhir/smart-session';
import { sessionLedger, sessionRefusals } from '../../src/fhir/write-ledger';
import { executeWritePlan } from '../../src/fhir/write-plan-executor';

const ACHIEVEMENT = 'http://terminology.hl7.org/CodeSystem/goal-achievement';
const SCOPES = 'launch openid fhirUser patient/*.cruds user/*.cruds';
const CHOIR = 'goal-maria-santos-choir';

interface GoalServerOptions {
  /** Someone else updates the Goal this many times just before PeerBridge's update arrives. */
  readonly concurrentEdits?: number;
  /** The server answers a Goal update with this status (a refusal). */
  readonly refuseUpdate?: number;
  readonly networkFailure?: boolean;
}

/** A FHIR server holding Maria's choir Goal, versioned, that checks If-Match on update like R4 http.html. */
function goalServer(options: GoalServerOptions = {}) {
  let goal: Goal = {
    resourceType: 'Goal',
    id: CHOIR,
    meta: { versionId: '3' },
    lifecycleStatus: 'active',
    achievementStatus: { coding: [{ system: ACHIEVEMENT, code: 'in-progress' }] },
    description: { text: 'Get back to my Sunday choir' },
    subject: { reference: 'Patient/pt-maria-santos' },
    note: [{ text: 'Added by her therapist.' }],
  };
  let edits = options.concurrentEdits ?? 0;
  const requests: string[] = [];
  const answer = (status: number, body?: unknown): FhirResponse => ({ status, body, headers: new Headers() });
  const bump = (changed: Goal): Goal => ({
    ...changed,
    meta: { versionId: String(Number(goal.meta?.versionId ?? '0') + 1) },
  });
  const session: FhirSession = {
    context: { serverUrl: 'https://ehr.example.test/fhir' } as FhirSession['context'],
    request: (path: string, init: RequestOptions = {}): Promise<FhirResponse> => {
      const method = init.method ?? 'GET';
      requests.push(
        `${method} ${path}${init.headers?.['If-Match'] ? ` If-Match ${init.headers['If-Match']}` : ''}`,
      );
      if (options.networkFailure) {
        return Promise.reject(new NetworkError(false));
      }
      if (path !== `Goal/${CHOIR}`) {
        return Promise.reject(new FhirHttpError(404, undefined));
      }
      if (method === 'GET') {
        return Promise.resolve(answer(200, goal));
      }
      if (options.refuseUpdate) {
        return Promise.reject(new FhirHttpError(options.refuseUpdate, undefined));
      }
      if (edits > 0) {
        edits -= 1;
        goal = bump({ ...goal, note: [...(goal.note ?? []), { text: 'Edited in the EHR.' }] });
      }
      if (init.headers?.['If-Match'] !== `W/"${goal.meta?.versionId ?? ''}"`) {
        return Promise.reject(new FhirHttpError(412, undefined));
      }
      goal = bump(init.body as Goal);
      return Promise.resolve(answer(200, goal));
    },
  };
  return { session, requests, goal: () => goal };
}

const signed = { ...mariaIndividualDraft, status: 'final' as const };
const changes = goalStatusChanges(signed);

describe('writeGoalStatuses', () => {
  it('sets achievementStatus with If-Match on the version read, changing nothing else', async () => {
    const server = goalServer();
    const report = await writeGoalStatuses(server.session, changes);
    expect(server.requests).toEqual([`GET Goal/${CHOIR}`, `PUT Goal/${CHOIR} If-Match W/"3"`]);
    expect(server.goal().achievementStatus?.coding?.map((c) => [c.system, c.code])).toEqual([
      [ACHIEVEMENT, 'improving'],
    ]);
    expect(server.goal().note).toEqual([{ text: 'Added by her therapist.' }]);
    expect(report).toMatchObject({ current: [CHOIR], notUpdated: [], refused: false, requestCount: 2 });
  });

  it('reads the Goal again once after a version conflict and keeps the other writer’s change', async () => {
    const server = goalServer({ concurrentEdits: 1 });
    const report = await writeGoalStatuses(server.session, changes);
    expect(server.requests).toEqual([
      `GET Goal/${CHOIR}`,
      `PUT Goal/${CHOIR} If-Match W/"3"`,
      `GET Goal/${CHOIR}`,
      `PUT Goal/${CHOIR} If-Match W/"4"`,
    ]);
    expect(server.goal().note?.map((n) => n.text)).toEqual(['Added by her therapist.', 'Edited in the EHR.']);
    expect(server.goal().achievementStatus?.coding?.[0]?.code).toBe('improving');
    expect(report.current).toEqual([CHOIR]);
  });

  it('leaves the Goal as it is, and names it, after a second conflict', async () => {
    const server = goalServer({ concurrentEdits: 2 });
    const report = await writeGoalStatuses(server.session, changes);
    expect(server.goal().achievementStatus?.coding?.[0]?.code).toBe('in-progress');
    expect(report).toMatchObject({
      current: [],
      notUpdated: ['Get back to my Sunday choir'],
      refused: false,
    });
  });

  it('sends no update when the Goal already says what the note says', async () => {
    const server = goalServer();
    await writeGoalStatuses(server.session, changes);
    const again = await writeGoalStatuses(server.session, changes);
    expect(server.requests.filter((r) => r.startsWith('PUT'))).toHaveLength(1);
    expect(again.current).toEqual([CHOIR]);
  });

  it('reports a refused update so the server is planned around, without naming the goal', async () => {
    const server = goalServer({ refuseUpdate: 405 });
    const report = await writeGoalStatuses(server.session, changes);
    expect(report).toMatchObject({ current: [], notUpdated: [], refused: true });
  });

  it('never throws on a passing fault: the goal is named as not updated', async () => {
    const server = goalServer({ networkFailure: true });
    await expect(writeGoalStatuses(server.session, changes)).resolves.toMatchObject({
      notUpdated: ['Get back to my Sunday choir'],
    });
  });
});

describe('goal status in the domain', () => {
  it('updates only existing goals, and only for a signed note', () => {
    expect(goalStatusChanges(signed)).toEqual([
      { goalId: CHOIR, description: 'Get back to my Sunday choir', progress: 'improving' },
    ]);
    expect(goalStatusChanges({ ...signed, status: 'draft' })).toEqual([]);
  });

  it('does not revive a goal ended in the record', () => {
    const ended: Goal = { resourceType: 'Goal', lifecycleStatus: 'cancelled', description: {}, subject: {} };
    expect(goalWithAchievement(ended, 'achieved')).toBeUndefined();
  });
});

describe('goal status in the write plan and the executor', () => {
  const openServer: ServerCapabilities = {
    known: true,
    transaction: false,
    batch: false,
    resources: Object.fromEntries(
      ['DocumentReference', 'Encounter', 'Observation', 'Goal', 'Provenance', 'Task'].map((type) => [
        type,
        {
          interactions: ['read', 'create', 'update', 'search-type'],
          conditionalCreate: false,
          searchParams: ['identifier', 'patient'],
          searchInclude: [],
          searchRevInclude: [],
          supportedProfiles: [],
        },
      ]),
    ),
  };
  const plan = (capabilities: ServerCapabilities) =>
    planWrites({ capabilities, grantedScope: SCOPES, site: DEFAULT_WRITE_PLAN_SITE });

  it('plans Goal status where Goal update is listed, never on Epic or Oracle Health', () => {
    expect(plan(openServer).goalStatus).toBe(true);
    expect(plan(readServerCapabilities(vendorStatement('epic'))).goalStatus).toBe(false);
    expect(plan(readServerCapabilities(vendorStatement('oracle'))).goalStatus).toBe(false);
    expect(
      planWrites({ capabilities: openServer, grantedScope: 'user/*.crs', site: DEFAULT_WRITE_PLAN_SITE })
        .goalStatus,
    ).toBe(false);
    expect(
      planWrites({
        capabilities: openServer,
        grantedScope: SCOPES,
        site: DEFAULT_WRITE_PLAN_SITE,
        refused: ['goal-status'],
      }).goalStatus,
    ).toBe(false);
  });

  it('saves the note though the Goal update conflicts twice, and says so in the saved-note message', async () => {
    const goals = goalServer({ concurrentEdits: 2 });
    const written: string[] = [];
    let next = 1;
    const session: FhirSession = {
      ...goals.session,
      request: (path, init = {}) => {
        if (path.startsWith('Goal/')) {
          return goals.session.request(path, init);
        }
        if ((init.method ?? 'GET') === 'GET') {
          return Promise.resolve({
            status: 200,
            body: { resourceType: 'Bundle', type: 'searchset' },
            headers: new Headers(),
          });
        }
        const body = init.body as { resourceType: string };
        written.push(body.resourceType);
        return Promise.resolve({
          status: 201,
          body: { ...body, id: `id-${next++}` },
          headers: new Headers(),
        });
      },
    };
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    };
    const save = plannedSave(signed, plan(openServer), fixtureContext());
    const report = await executeWritePlan(session, save, {
      capabilities: openServer,
      ledger: sessionLedger(storage, 'https://ehr.example.test/fhir'),
      refusals: sessionRefusals(storage, 'https://ehr.example.test/fhir'),
    });
    expect(report.note).toBeDefined();
    expect(written).toContain('Encounter');
    expect(report.goalsCurrent).toEqual([]);
    expect(report.message).toContain('“Get back to my Sunday choir” was not updated in the EHR');
  });

  it('sends no Goal request on Epic, and says nothing about goals', async () => {
    const epic = readServerCapabilities(vendorStatement('epic'));
    const goals = goalServer();
    const session: FhirSession = {
      ...goals.session,
      request: (path, init = {}) =>
        path.startsWith('Goal/')
          ? goals.session.request(path, init)
          : Promise.resolve({
              status: 201,
              body: { ...(init.body as object), id: 'n1' },
              headers: new Headers(),
            }),
    };
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    };
    const report = await executeWritePlan(session, plannedSave(signed, plan(epic), fixtureContext()), {
      capabilities: epic,
      ledger: sessionLedger(storage, 'https://ehr.example.test/fhir'),
      refusals: sessionRefusals(storage, 'https://ehr.example.test/fhir'),
    });
    expect(goals.requests).toEqual([]);
    expect(report.message).not.toContain('not updated in the EHR');
  });
});
