import type { CapabilityStatement } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { buildProgramReportFixture, FIXTURE_RANGE } from '../../mocks/fixtures/program-report-fixture';
import { buildCaseloads } from '../../mocks/fixtures/seed/caseloads';
import { buildProgramReport } from '../../src/domain/program-report';
import { reportLines } from '../../src/domain/program-report-lines';
import { readServerCapabilities, type ServerCapabilities } from '../../src/domain/server-capabilities';
import { FhirHttpError } from '../../src/fhir/fhir-errors';
import { loadProgramReportInput, MAX_PAGES, type ReportLoad } from '../../src/fhir/program-report-query';
import { memoryFhirSession, type MemorySession } from '../support/memory-fhir-session';
import { vendorCapabilities } from '../support/vendor-capabilities';

const ALEX = ['Practitioner/pr-alex-rivera'];

function capabilitiesOf(memory: MemorySession): ServerCapabilities {
  const reply = memory.server.handle({ method: 'GET', path: 'metadata' });
  return readServerCapabilities(reply.body as CapabilityStatement);
}

/** The same server's statement with one resource type's search parameters taken away. */
function without(
  capabilities: ServerCapabilities,
  type: string,
  params: readonly string[],
): ServerCapabilities {
  const resource = capabilities.resources[type];
  if (!resource) {
    return capabilities;
  }
  return {
    ...capabilities,
    resources: {
      ...capabilities.resources,
      [type]: { ...resource, searchParams: resource.searchParams.filter((p) => !params.includes(p)) },
    },
  };
}

function loaded(load: ReportLoad): Extract<ReportLoad, { kind: 'loaded' }> {
  if (load.kind !== 'loaded') {
    throw new Error(`expected a loaded report, got ${load.kind}`);
  }
  return load;
}

async function fixtureReport(options: Parameters<typeof memoryFhirSession>[1] = {}) {
  const memory = memoryFhirSession(buildProgramReportFixture(), options);
  const load = loaded(
    await loadProgramReportInput(memory.session, {
      userRefs: ALEX,
      range: FIXTURE_RANGE,
      capabilities: capabilitiesOf(memory),
    }),
  );
  return { memory, load, report: buildProgramReport(load.input) };
}

describe('loadProgramReportInput', () => {
  it('reads the fixture through the searches the server lists, and the figures are the hand-worked ones', async () => {
    const { load, report } = await fixtureReport();
    expect(load.complete).toBe(true);
    expect(load.input.people).toEqual(['pt-rf-ilya-brandt', 'pt-rf-marlow-quist', 'pt-rf-tamsin-orr']);
    expect(report).toMatchObject({
      peopleServed: 3,
      contacts: 6,
      individual: 4,
      group: 2,
      billableUnits: 20,
      contactsWithLength: 6,
      followUpsRaised: 3,
      followUpsAcknowledged: 2,
      acutePeople: 2,
      acuteWindowComplete: 0,
      acute: [
        { label: 'Emergency department visits', before: 3, after: 1 },
        { label: 'Hospital admissions', before: 1, after: 1 },
      ],
    });
    expect(report.measures).toEqual([
      { name: 'PHQ-9', recorded: 4, peopleWithBoth: 2, meanChange: -4.5, better: 'lower' },
      { name: 'Recovery check-in', recorded: 2, peopleWithBoth: 1, meanChange: 6, better: 'higher' },
    ]);
  });

  it('finds a person engaged before the windows by their earlier peer contact, so they are not counted as new', async () => {
    const { memory, report } = await fixtureReport();
    expect(
      memory.sent.some((path) => path.startsWith('Encounter?') && path.includes('date=lt2023-10-03')),
    ).toBe(true);
    expect(report.acutePeople).toBe(2);
  });

  it('follows next links page by page and reaches the same figures', async () => {
    const whole = await fixtureReport();
    const paged = await fixtureReport({ pageSize: 2 });
    expect(paged.load.requests).toBeGreaterThan(whole.load.requests);
    expect(paged.memory.sent.some((path) => path.includes('_offset=2'))).toBe(true);
    expect(paged.report).toEqual(whole.report);
  });

  it('stops each search at its page bound and says the figures are partial', async () => {
    const memory = memoryFhirSession(buildCaseloads(new Date('2026-06-15T00:00:00Z')), { pageSize: 1 });
    const load = loaded(
      await loadProgramReportInput(memory.session, {
        userRefs: ALEX,
        range: { from: '2026-01-01', to: '2026-06-15' },
        capabilities: capabilitiesOf(memory),
      }),
    );
    expect(load.complete).toBe(false);
    // 30 care teams one per page: the caseload search stops after MAX_PAGES of them.
    expect(memory.sent.filter((path) => path.startsWith('CareTeam?'))).toHaveLength(MAX_PAGES);
    expect(load.input.people).toHaveLength(MAX_PAGES);
  });

  it('stops at its request bound for the whole report', async () => {
    const memory = memoryFhirSession(buildCaseloads(new Date('2026-06-15T00:00:00Z')), { pageSize: 3 });
    const load = loaded(
      await loadProgramReportInput(memory.session, {
        userRefs: ALEX,
        range: { from: '2025-06-15', to: '2026-06-15' },
        capabilities: capabilitiesOf(memory),
        maxRequests: 50,
      }),
    );
    expect(load.complete).toBe(false);
    expect(load.requests).toBe(50);
    expect(memory.sent).toHaveLength(50);
  });

  it('sends no parameter the server does not list, and filters the scores by date itself', async () => {
    const { memory } = await fixtureReport();
    const observationSearches = memory.sent.filter((path) => path.startsWith('Observation?'));
    expect(observationSearches.length).toBeGreaterThan(0);
    // The demo server lists neither date nor code for Observation: it would refuse them with 400.
    expect(observationSearches.every((path) => !/[?&](date|code)=/.test(path))).toBe(true);
  });

  it('names what is missing, and sends nothing, where the EHR cannot search care teams by participant', async () => {
    const memory = memoryFhirSession(buildProgramReportFixture());
    for (const vendor of ['epic', 'oracle'] as const) {
      const load = await loadProgramReportInput(memory.session, {
        userRefs: ALEX,
        range: FIXTURE_RANGE,
        capabilities: vendorCapabilities(vendor),
      });
      expect(load.kind).toBe('blocked');
      expect(load.kind === 'blocked' ? load.gaps.map((g) => g.message).join(' ') : '').toMatch(
        /CareTeam search by participant/,
      );
    }
    expect(memory.sent).toEqual([]);
  });

  it('says which user/ scopes IT must grant, and sends nothing, where the launch has only patient/ access', async () => {
    const memory = memoryFhirSession(buildProgramReportFixture(), {
      grantedScope: 'openid fhirUser patient/CareTeam.rs patient/Encounter.rs patient/Observation.rs',
    });
    const load = await loadProgramReportInput(memory.session, {
      userRefs: ALEX,
      range: FIXTURE_RANGE,
      capabilities: capabilitiesOf(memory),
    });
    expect(load.kind).toBe('blocked');
    const messages = load.kind === 'blocked' ? load.gaps.map((g) => g.message).join(' ') : '';
    expect(messages).toMatch(/grant user\/CareTeam\.rs/);
    expect(messages).toMatch(/grant user\/Encounter\.rs/);
    expect(memory.sent).toEqual([]);
  });

  it('reads with v1 user scopes, and leaves out only what the grant does not cover', async () => {
    const memory = memoryFhirSession(buildProgramReportFixture(), {
      grantedScope: 'openid fhirUser user/CareTeam.read user/Encounter.read user/Observation.read',
    });
    const load = loaded(
      await loadProgramReportInput(memory.session, {
        userRefs: ALEX,
        range: FIXTURE_RANGE,
        capabilities: capabilitiesOf(memory),
      }),
    );
    expect(memory.sent.some((path) => path.startsWith('Task'))).toBe(false);
    expect(load.input.gaps).toEqual([
      { part: 'follow-ups', message: expect.stringMatching(/grant user\/Task\.rs/) as string },
    ]);
    expect(buildProgramReport(load.input).contacts).toBe(6);
  });

  it('reports follow-ups as not available, instead of 0, where the server has no Task search', async () => {
    const memory = memoryFhirSession(buildProgramReportFixture());
    const load = loaded(
      await loadProgramReportInput(memory.session, {
        userRefs: ALEX,
        range: FIXTURE_RANGE,
        capabilities: without(capabilitiesOf(memory), 'Task', ['patient', 'subject']),
      }),
    );
    expect(memory.sent.some((path) => path.startsWith('Task'))).toBe(false);
    const lines = reportLines(buildProgramReport(load.input)).filter((l) => l.section === 'Follow-ups');
    expect(lines).toEqual([
      expect.objectContaining({ figure: 'Raised and acknowledged', value: 'Not available' }),
    ]);
  });

  it('keeps the report when the EHR refuses the score search, and says which scope IT must grant', async () => {
    const { load, report } = await fixtureReport({
      refuse: (path) => (path.startsWith('Observation?') ? 403 : undefined),
    });
    expect(report.contacts).toBe(6);
    expect(report.measures).toEqual([]);
    expect(load.input.gaps).toContainEqual({
      part: 'measures',
      message: expect.stringMatching(/403.*user\/Observation\.rs/) as string,
    });
  });

  it('fails when the encounter search is refused: without contacts there is no report', async () => {
    await expect(
      fixtureReport({ refuse: (path) => (path.startsWith('Encounter?') ? 403 : undefined) }),
    ).rejects.toBeInstanceOf(FhirHttpError);
  });

  it('says a first contact is only looked for from 90 days before the range where encounters cannot be searched by type', async () => {
    const memory = memoryFhirSession(buildProgramReportFixture());
    const load = loaded(
      await loadProgramReportInput(memory.session, {
        userRefs: ALEX,
        range: FIXTURE_RANGE,
        capabilities: without(capabilitiesOf(memory), 'Encounter', ['type']),
      }),
    );
    expect(memory.sent.some((path) => path.includes('type='))).toBe(false);
    expect((load.input.gaps ?? []).map((g) => g.part)).toContain('first-contact');
    // The cost, said in the gap: Ilya, seen in 2023-06, now counts as first seen in the range.
    expect(buildProgramReport(load.input).acutePeople).toBe(3);
  });
});
