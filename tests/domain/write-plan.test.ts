import { describe, expect, it } from 'vitest';
import { vendorStatement } from '../support/vendor-capabilities';
import { buildCapabilityStatement } from '../../mocks/sandbox/fhir/capability-statement';
import { loadDefinitions } from '../../mocks/sandbox/fhir/engine';
import { CLINICAL_NOTE } from '../../src/domain/codes';
import {
  ASSUMED_CAPABILITIES,
  readServerCapabilities,
  type ServerCapabilities,
} from '../../src/domain/server-capabilities';
import {
  DEFAULT_WRITE_PLAN_SITE,
  planWrites,
  STRUCTURED_PARTS,
  writePlanSiteFor,
  writesAnything,
  type WritePlanInput,
} from '../../src/domain/write-plan';
import { describeWritePlan } from '../../src/domain/write-plan-words';

function vendor(name: 'epic' | 'oracle'): ServerCapabilities {
  return readServerCapabilities(vendorStatement(name));
}

loadDefinitions();
/** The sandbox's own statement: everything, with transactions and conditional creates. */
const open = readServerCapabilities(
  buildCapabilityStatement('https://sandbox.example.test/fhir', {
    authorize: 'https://sandbox.example.test/authorize',
    token: 'https://sandbox.example.test/token',
  }),
);
const epic = vendor('epic');
const oracle = vendor('oracle');

/** Everything PeerBridge could ask for, v2 style. */
const ALL_SCOPES = 'launch openid fhirUser patient/*.cruds user/*.cruds';
/** Oracle Health grants SMART v1 scopes only. */
const ORACLE_V1_SCOPES =
  'launch openid fhirUser patient/DocumentReference.write patient/DocumentReference.read ' +
  'patient/Communication.write patient/Encounter.write patient/Observation.write patient/Provenance.write';

function plan(capabilities: ServerCapabilities, overrides: Partial<WritePlanInput> = {}) {
  return planWrites({ capabilities, grantedScope: ALL_SCOPES, site: DEFAULT_WRITE_PLAN_SITE, ...overrides });
}

describe('write plan on the open sandbox', () => {
  it('writes the note and every structured part in one transaction of conditional creates', () => {
    const p = plan(open);
    expect(p.note).toBe(true);
    expect(p.structured).toEqual(STRUCTURED_PARTS);
    expect(p.onlyInNote).toEqual([]);
    expect(p.followUp).toBe('task');
    expect(p.method).toBe('transaction');
    expect(p.conditionalCreate).toEqual(
      expect.arrayContaining(['DocumentReference', 'Encounter', 'Observation', 'Goal', 'Task', 'Provenance']),
    );
  });

  it('allows preliminary notes for drafts, since the note can be updated later', () => {
    expect(plan(open).noteForDrafts).toBe(true);
    expect(plan(open).noteUpdate).toBe(true);
  });

  it('says so in one line', () => {
    expect(describeWritePlan(plan(open))).toBe(
      'This EHR will receive: a clinical note; structured details (new goals, the encounter, activities, goal progress, response and measures); follow-up requests as tasks',
    );
  });
});

describe("write plan on Epic's published statement", () => {
  it('writes the clinical note only: Encounter is read-only, so its Observations have nothing to belong to', () => {
    const p = plan(epic);
    expect(p.note).toBe(true);
    expect(p.structured).toEqual([]);
    expect(p.onlyInNote).toEqual(STRUCTURED_PARTS);
  });

  it('sends follow-up as a Communication, since Task is not creatable there', () => {
    expect(plan(epic).followUp).toBe('communication');
  });

  it('writes one request per resource, with no conditional creates', () => {
    expect(plan(epic).method).toBe('requests');
    expect(plan(epic).conditionalCreate).toEqual([]);
  });

  it('tells the peer the structured details stay inside the note', () => {
    expect(describeWritePlan(plan(epic))).toBe(
      'This EHR will receive: a clinical note; follow-up requests as messages to the chosen practitioner; structured details stay inside the note',
    );
  });
});

describe("write plan on Oracle Health's published statement", () => {
  it('writes the note and the Encounter it lists as creatable, with v1 scopes', () => {
    const p = plan(oracle, { grantedScope: ORACLE_V1_SCOPES });
    expect(p.note).toBe(true);
    expect(p.structured).toEqual(['encounter', 'observations', 'provenance']);
    expect(p.followUp).toBe('communication');
    expect(p.method).toBe('requests');
  });

  it('drops what Oracle refused earlier in the session, keeping it inside the note', () => {
    const p = plan(oracle, { grantedScope: ORACLE_V1_SCOPES, refused: ['encounter'] });
    expect(p.structured).toEqual([]);
    expect(p.onlyInNote).toEqual(STRUCTURED_PARTS);
    expect(describeWritePlan(p)).toBe(
      'This EHR will receive: a clinical note; follow-up requests as messages to the chosen practitioner; structured details stay inside the note',
    );
  });

  it('keeps drafts in the browser once the server refused a preliminary note', () => {
    expect(plan(oracle).noteForDrafts).toBe(true);
    expect(plan(oracle, { refused: ['draft-note'] }).noteForDrafts).toBe(false);
  });
});

describe('write plan on a server with no CapabilityStatement', () => {
  it('tries the note and every structured part, without conditional creates it cannot rely on', () => {
    const p = plan(ASSUMED_CAPABILITIES);
    expect(p.note).toBe(true);
    expect(p.structured).toEqual(STRUCTURED_PARTS);
    expect(p.conditionalCreate).toEqual([]);
    expect(p.method).toBe('transaction');
  });
});

describe('write plan: scopes and site options', () => {
  it('writes no note without a DocumentReference create scope', () => {
    const p = plan(open, { grantedScope: 'patient/Encounter.cu patient/Observation.c patient/Task.c' });
    expect(p.note).toBe(false);
    expect(p.structured).toEqual(['encounter', 'observations', 'task']);
    expect(p.onlyInNote).toEqual([]);
  });

  it('honours the site turning the note off, also on an open server', () => {
    const p = plan(open, { site: { ...DEFAULT_WRITE_PLAN_SITE, clinicalNote: false } });
    expect(p.note).toBe(false);
    expect(p.structured).toEqual(STRUCTURED_PARTS);
  });

  it('honours the site turning the structured record off', () => {
    const p = plan(open, { site: { ...DEFAULT_WRITE_PLAN_SITE, structuredRecord: false } });
    expect(p.structured).toEqual([]);
    expect(p.followUp).toBe('communication');
  });

  it("uses the site's note type", () => {
    const noteType = { system: 'urn:oid:1.2.3', code: 'PEER', display: 'Peer note' };
    expect(plan(open, { site: { ...DEFAULT_WRITE_PLAN_SITE, noteType } }).noteType).toEqual(noteType);
    expect(plan(open).noteType).toEqual(CLINICAL_NOTE.progressNote);
  });

  it('writes Observations only with the Encounter they belong to', () => {
    const p = plan(open, { grantedScope: 'patient/DocumentReference.c patient/Observation.c' });
    expect(p.structured).toEqual([]);
  });

  it('keeps follow-up inside the note where neither Task nor Communication can be created', () => {
    const p = plan(epic, { grantedScope: 'patient/DocumentReference.c patient/Task.c' });
    expect(p.followUp).toBe('note-only');
    expect(plan(epic, { refused: ['communication'] }).followUp).toBe('note-only');
  });

  it('says plainly when nothing can be written', () => {
    const p = plan(epic, { grantedScope: 'patient/*.rs' });
    expect(writesAnything(p)).toBe(false);
    expect(describeWritePlan(p)).toMatch(/^This EHR accepts nothing PeerBridge can write/);
  });

  it('uses batch where the server has batch but no transaction', () => {
    expect(plan({ ...open, transaction: false }).method).toBe('batch');
  });
});

describe('writePlanSiteFor', () => {
  it('keeps the defaults where the issuer configures nothing', () => {
    expect(writePlanSiteFor({ peerRecognition: { roleCodes: [], users: [] } })).toEqual(
      DEFAULT_WRITE_PLAN_SITE,
    );
  });

  it('takes the issuer’s note switch, note type and structured-record switch', () => {
    const type = { system: 'http://loinc.org', code: '78306-8', display: 'Mental health progress note' };
    expect(
      writePlanSiteFor({
        peerRecognition: { roleCodes: [], users: [] },
        clinicalNote: { enabled: false, type },
        structuredRecord: false,
      }),
    ).toEqual({ clinicalNote: false, structuredRecord: false, noteType: type });
  });
});

describe('write plan: instruments answered item by item (QuestionnaireResponse)', () => {
  it('writes responses on the open sandbox, after the encounter and before the observations', () => {
    const parts = plan(open).structured;
    expect(parts.indexOf('questionnaire-responses')).toBe(parts.indexOf('encounter') + 1);
    expect(parts.indexOf('questionnaire-responses')).toBeLessThan(parts.indexOf('observations'));
    expect(plan(open).conditionalCreate).toContain('QuestionnaireResponse');
  });

  it('writes none on Epic, whose statement lists QR create but no Encounter create', () => {
    expect(epic.resources.QuestionnaireResponse?.interactions).toContain('create');
    expect(plan(epic).structured).not.toContain('questionnaire-responses');
    expect(plan(epic).onlyInNote).toContain('questionnaire-responses');
  });

  it('writes none on Oracle Health, which lists QR read, search and update only, but writes the totals', () => {
    const p = plan(oracle, { grantedScope: `${ORACLE_V1_SCOPES} patient/QuestionnaireResponse.write` });
    expect(p.structured).not.toContain('questionnaire-responses');
    expect(p.structured).toContain('observations');
    expect(p.onlyInNote).toContain('questionnaire-responses');
    expect(describeWritePlan(p)).toContain('the item-by-item answers to measures stay inside the note');
  });

  it('writes none without a QuestionnaireResponse create scope, or once the server refused one', () => {
    const scope = 'patient/DocumentReference.cu patient/Encounter.cu patient/Observation.c';
    expect(plan(open, { grantedScope: scope }).structured).toEqual(['encounter', 'observations']);
    expect(plan(open, { refused: ['questionnaire-responses'] }).structured).not.toContain(
      'questionnaire-responses',
    );
  });

  it('writes none where the peer encounter is not written, since a response belongs to it', () => {
    const p = plan(open, { refused: ['encounter'] });
    expect(p.structured).not.toContain('questionnaire-responses');
    expect(p.onlyInNote).toContain('questionnaire-responses');
  });

  it('names the answers apart only where the measures themselves are written', () => {
    expect(describeWritePlan(plan(open, { refused: ['questionnaire-responses'] }))).toContain(
      '; the item-by-item answers to measures stay inside the note',
    );
    expect(describeWritePlan(plan(open, { refused: ['encounter'] }))).not.toContain('item-by-item');
  });
});
