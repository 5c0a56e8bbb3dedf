import { describe, expect, it } from 'vitest';
import { fixtureContext, mariaIndividualDraft } from '../../mocks/fixtures/drafts';
import { plannedSave } from '../../src/domain/planned-save';
import { sensitivityInProgram } from '../../src/domain/program-config';
import { ASSUMED_CAPABILITIES } from '../../src/domain/server-capabilities';
import { DEFAULT_WRITE_PLAN_SITE, planWrites } from '../../src/domain/write-plan';
import { parseRuntimeConfig } from '../../src/domain/runtime-config';
import { RuntimeConfigError } from '../../src/domain/runtime-config-fields';
import { issuerOptions } from '../../src/domain/runtime-config-issuer';

const ISSUER = { iss: 'https://fhir.example-oracle.test/r4/tenant', clientId: 'peerbridge' };

describe('runtime config program, per issuer', () => {
  it('accepts a Part 2 substance use programme with its payer and clinic settings', () => {
    const program = {
      kind: 'substance-use',
      part2: true,
      telehealthModifier: 'GT',
      audioOnlyModifier: '93',
      clinicPlaceOfService: '57',
    };
    const config = parseRuntimeConfig({ issuers: [{ ...ISSUER, program }] });
    expect(config.issuers[0]?.program).toEqual(program);
    expect(issuerOptions(config.issuers[0]).program).toEqual(program);
  });

  it('reads a programme without part2 as not a Part 2 programme', () => {
    const config = parseRuntimeConfig({ issuers: [{ ...ISSUER, program: { kind: 'mental-health' } }] });
    expect(config.issuers[0]?.program).toEqual({ kind: 'mental-health', part2: false });
  });

  it.each([
    [{ program: 'sud' }, 'issuers[0].program must be an object'],
    [
      { program: { kind: 'sud' } },
      'issuers[0].program.kind must be one of substance-use, mental-health, co-occurring',
    ],
    [{ program: { kind: 'substance-use', part2: 'yes' } }, 'issuers[0].program.part2 must be true or false'],
    [
      { program: { kind: 'mental-health', part2: true } },
      'issuers[0].program.part2 is true for a mental-health programme',
    ],
    [
      { program: { kind: 'co-occurring', telehealthModifier: 'GQ' } },
      'issuers[0].program.telehealthModifier must be one of 95, GT',
    ],
    [
      { program: { kind: 'co-occurring', audioOnlyModifier: '95' } },
      'issuers[0].program.audioOnlyModifier must be one of 93, FQ',
    ],
    [
      { program: { kind: 'co-occurring', clinicPlaceOfService: '02' } },
      'issuers[0].program.clinicPlaceOfService must be one of 11, 49',
    ],
    [{ program: { kind: 'co-occurring', name: 'x' } }, 'issuers[0].program.name is not a known setting'],
  ])('names the bad program setting %j', (settings, message) => {
    expect(() => parseRuntimeConfig({ issuers: [{ ...ISSUER, ...settings }] })).toThrow(RuntimeConfigError);
    expect(() => parseRuntimeConfig({ issuers: [{ ...ISSUER, ...settings }] })).toThrow(message);
  });
});

describe('sensitivityInProgram', () => {
  const part2 = { kind: 'substance-use', part2: true } as const;
  const mentalHealth = { kind: 'mental-health', part2: false } as const;

  it('raises every note of a Part 2 programme to Part 2', () => {
    expect(sensitivityInProgram('normal', part2)).toBe('part2');
    expect(sensitivityInProgram('restricted', part2)).toBe('part2');
  });

  it('keeps the label a peer added in any programme', () => {
    expect(sensitivityInProgram('restricted', mentalHealth)).toBe('restricted');
    expect(sensitivityInProgram('part2', mentalHealth)).toBe('part2');
    expect(sensitivityInProgram('restricted', undefined)).toBe('restricted');
  });

  it('leaves a note of a programme that is not Part 2 as the peer chose', () => {
    expect(sensitivityInProgram('normal', mentalHealth)).toBe('normal');
  });
});

describe('plannedSave in a Part 2 programme', () => {
  it('sends the clinical note with the Part 2 labels though the peer chose usual privacy', () => {
    const plan = planWrites({
      capabilities: ASSUMED_CAPABILITIES,
      grantedScope: 'user/*.cruds',
      site: DEFAULT_WRITE_PLAN_SITE,
    });
    const save = plannedSave({ ...mariaIndividualDraft, sensitivity: 'normal' }, plan, {
      ...fixtureContext(),
      program: { kind: 'co-occurring', part2: true },
    });
    expect(save.note?.meta?.security?.map((c) => c.code)).toEqual(['R', 'SUD', '42CFRPart2', 'NORDSCLCD']);
    expect(save.draft.sensitivity).toBe('part2');
  });
});
