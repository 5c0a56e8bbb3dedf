import type { Bundle, Observation, QuestionnaireResponse } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { capabilityStatement, type OfferedBundles } from '../../mocks/fake-fhir-server/capability-statement';
import { fixtureContext, mariaIndividualDraft } from '../../mocks/fixtures/drafts';
import { instrumentById } from '../../src/domain/codes-instruments';
import type { PeerEncounterDraft } from '../../src/domain/peer-encounter-draft';
import { plannedSave } from '../../src/domain/planned-save';
import { readServerCapabilities } from '../../src/domain/server-capabilities';
import { DEFAULT_WRITE_PLAN_SITE, planWrites } from '../../src/domain/write-plan';
import { sessionLedger, sessionRefusals } from '../../src/fhir/write-ledger';
import { executeWritePlan } from '../../src/fhir/write-plan-executor';
import { memoryFhirSession, MEMORY_BASE } from '../support/memory-fhir-session';

const SCOPES = 'launch openid fhirUser patient/*.cruds user/*.cruds';
const PHQ9 = instrumentById('phq-9');
const ANSWERS = Object.fromEntries(
  PHQ9.items.map((item) => [item.linkId, item.answers[1]?.coding.code ?? '']),
);
/** Maria's note with a whole PHQ-9 (every item "Several days": total 9). */
const DRAFT: PeerEncounterDraft = {
  ...mariaIndividualDraft,
  measures: [{ kind: 'instrument', instrument: 'phq-9', answers: ANSWERS }],
};

function memoryStore(): Pick<Storage, 'getItem' | 'setItem'> {
  const map = new Map<string, string>();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}

const isResponseWrite = (path: string, method: string, body: unknown): boolean =>
  method === 'POST' &&
  (path === 'QuestionnaireResponse' ||
    (path === '' && JSON.stringify(body).includes('"resourceType":"QuestionnaireResponse"')));

/** The in-memory fake FHIR server offering `offers`, and a save of `draft` planned from its statement. */
function setup(offers: OfferedBundles, refuseResponses?: number) {
  const memory = memoryFhirSession([], {
    offers,
    grantedScope: SCOPES,
    ...(refuseResponses
      ? {
          refuse: (path: string, method: string, body: unknown) =>
            isResponseWrite(path, method, body) ? refuseResponses : undefined,
        }
      : {}),
  });
  const capabilities = readServerCapabilities(capabilityStatement(offers));
  const store = memoryStore();
  const ledger = sessionLedger(store, MEMORY_BASE);
  const refusals = sessionRefusals(store, MEMORY_BASE);
  const plan = () =>
    planWrites({
      capabilities,
      grantedScope: SCOPES,
      site: DEFAULT_WRITE_PLAN_SITE,
      refused: refusals.refused(),
    });
  const save = (draft = DRAFT) =>
    executeWritePlan(memory.session, plannedSave(draft, plan(), fixtureContext()), {
      capabilities,
      ledger,
      refusals,
    });
  const stored = <T extends 'QuestionnaireResponse' | 'Observation'>(type: T) =>
    memory.server.resources(type) as (T extends 'Observation' ? Observation : QuestionnaireResponse)[];
  const total = () =>
    stored('Observation').find((o) => o.code.coding?.some((c) => c.code === PHQ9.total.code));
  return { memory, plan, save, stored, total };
}

const MODES: readonly (readonly [string, OfferedBundles])[] = [
  ['one transaction', { transaction: true, batch: true }],
  ['one request per resource (batch only)', { transaction: false, batch: true }],
  ['one request per resource (no batch)', { transaction: false, batch: false }],
];

describe.each(MODES)('writing an instrument as %s', (_mode, offers) => {
  it('writes the QuestionnaireResponse and a total Observation derivedFrom it', async () => {
    const s = setup(offers);
    expect(s.plan().structured).toContain('questionnaire-responses');
    const report = await s.save();
    const [response] = s.stored('QuestionnaireResponse');
    expect(s.stored('QuestionnaireResponse')).toHaveLength(1);
    expect(response?.status).toBe('completed');
    expect(s.total()?.valueInteger).toBe(9);
    expect(s.total()?.derivedFrom?.[0]?.reference).toBe(`QuestionnaireResponse/${response?.id ?? ''}`);
    expect(report.onlyInNote).toEqual([]);
  });

  it('writes nothing twice when the save is retried', async () => {
    const s = setup(offers);
    await s.save();
    await s.save();
    expect(s.stored('QuestionnaireResponse')).toHaveLength(1);
    expect(
      s.stored('Observation').filter((o) => o === s.total() || o.code.coding?.[0]?.code === PHQ9.total.code),
    ).toHaveLength(1);
  });
});

describe.each([403, 405, 422])('a server that refuses QuestionnaireResponse create with %i', (status) => {
  it.each(MODES)('keeps the note and the total, without derivedFrom, in %s', async (_mode, offers) => {
    const s = setup(offers, status);
    const report = await s.save();
    expect(report.note).toBeDefined();
    expect(s.stored('QuestionnaireResponse')).toEqual([]);
    expect(s.total()?.valueInteger).toBe(9);
    expect(s.total()?.derivedFrom).toBeUndefined();
    expect(report.refused).toEqual(['questionnaire-responses']);
    expect(report.onlyInNote).toEqual(['questionnaire-responses']);
    expect(report.message).toContain('The item-by-item answers to measures: only inside the note.');
  });

  it('is planned around on the next save in this browser session', async () => {
    const s = setup({ transaction: false, batch: false }, status);
    await s.save();
    expect(s.plan().structured).not.toContain('questionnaire-responses');
    expect(s.plan().onlyInNote).toEqual(['questionnaire-responses']);
    const before = s.memory.calls.length;
    await s.save({ ...DRAFT, id: '7a2d3b5f-9c1e-4d6f-8b88-1e2f3a4b5c62' });
    expect(s.memory.calls.slice(before).filter((c) => c.startsWith('POST QuestionnaireResponse'))).toEqual(
      [],
    );
  });
});

describe('a transaction refused for its QuestionnaireResponse', () => {
  it('is sent once more without it, so the structured record still lands in one transaction', async () => {
    const s = setup({ transaction: true, batch: true }, 422);
    await s.save();
    const transactions = s.memory.calls.filter((c) => c === 'POST ');
    expect(transactions).toHaveLength(2);
    expect(s.memory.server.resources('Encounter')).toHaveLength(1);
    expect(s.memory.server.resources('DocumentReference')).toHaveLength(1);
  });
});

describe('a draft with a partial instrument', () => {
  it('writes an in-progress QuestionnaireResponse and no total', async () => {
    const partial = Object.fromEntries(Object.entries(ANSWERS).slice(0, 3));
    const s = setup({ transaction: true, batch: true });
    await s.save({
      ...DRAFT,
      status: 'draft',
      measures: [{ kind: 'instrument', instrument: 'phq-9', answers: partial }],
    });
    const [response] = s.stored('QuestionnaireResponse');
    expect(response?.status).toBe('in-progress');
    expect(response?.item).toHaveLength(3);
    expect(s.total()).toBeUndefined();
  });
});

describe('the transaction of a save', () => {
  it('puts the QuestionnaireResponse after the Encounter and before the Observations', async () => {
    const bundles: Bundle[] = [];
    const s = setup({ transaction: true, batch: true });
    const original = s.memory.session.request.bind(s.memory.session);
    const session = {
      ...s.memory.session,
      request: (path: string, init?: Parameters<typeof original>[1]) => {
        if (path === '' && init?.body) {
          bundles.push(init.body as Bundle);
        }
        return original(path, init);
      },
    };
    const capabilities = readServerCapabilities(capabilityStatement({}));
    const store = memoryStore();
    await executeWritePlan(session, plannedSave(DRAFT, s.plan(), fixtureContext()), {
      capabilities,
      ledger: sessionLedger(store, MEMORY_BASE),
      refusals: sessionRefusals(store, MEMORY_BASE),
    });
    const types = (bundles[0]?.entry ?? []).map((e) => e.resource?.resourceType);
    const at = (type: string) => types.indexOf(type as never);
    expect(at('QuestionnaireResponse')).toBeGreaterThan(at('Encounter'));
    expect(at('QuestionnaireResponse')).toBeLessThan(at('Observation'));
  });
});
