/**
 * What a site's peer programme is (runtime config `program`, per issuer): it, not a note, decides the
 * programme billing modifier (HE, HF, HH) and whether every note is a 42 CFR Part 2 record. 42 CFR
 * Part 2 applies to a federally assisted programme, so the label follows the programme; a peer can
 * still add a label to a note, never remove the programme's (docs/fhir-model.md, docs/it/configure.md).
 */
// Not through codes.ts: the launch page validates the runtime config and must not carry the code
// tables (7 kB gzipped) that codes.ts builds from fhir-profiles.
import type { Sensitivity } from './codes-notes';
import {
  AUDIO_ONLY_MODIFIER_CODES,
  CLINIC_PLACE_OF_SERVICE_CODES,
  PROGRAM_KINDS,
  TELEHEALTH_MODIFIER_CODES,
  type ProgramKind,
} from './codes-program';
import { isRecord } from './guards';

export type { ProgramKind } from './codes-program';

export interface ProgramConfig {
  readonly kind: ProgramKind;
  /** A federally assisted substance use programme under 42 CFR Part 2: every note carries its labels. */
  readonly part2: boolean;
  /** The modifier code a video contact is billed with: 95 (CPT) unless the payer wants GT. */
  readonly telehealthModifier?: string;
  /**
   * The modifier a phone contact is billed with, 93 (CPT) or FQ (HCPCS), where the payer pays
   * audio-only peer services and asks for one; unset writes none, because payers differ.
   */
  readonly audioOnlyModifier?: string;
  /** The place-of-service code of an in-person contact at the clinic: 11 office unless set. */
  readonly clinicPlaceOfService?: string;
}

const PROGRAM_KEYS = new Set([
  'kind',
  'part2',
  'telehealthModifier',
  'audioOnlyModifier',
  'clinicPlaceOfService',
]);

function isProgramKind(value: unknown): value is ProgramKind {
  return PROGRAM_KINDS.some((kind) => kind === value);
}

function optionalCode(
  entry: Record<string, unknown>,
  key: string,
  known: readonly string[],
  path: string,
  fail: (message: string) => Error,
): string | undefined {
  const value = entry[key];
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string' || !known.includes(value)) {
    throw fail(`${path}.${key} must be one of ${known.join(', ')}: ${JSON.stringify(value)}.`);
  }
  return value;
}

/** Validates `program`; `fail` makes the caller's error type (RuntimeConfigError) from a message naming the key. */
export function parseProgramConfig(
  value: unknown,
  path: string,
  fail: (message: string) => Error,
): ProgramConfig {
  if (!isRecord(value)) {
    throw fail(`${path} must be an object such as { "kind": "substance-use", "part2": true }.`);
  }
  const unknownKey = Object.keys(value).find((key) => !PROGRAM_KEYS.has(key));
  if (unknownKey !== undefined) {
    throw fail(`${path}.${unknownKey} is not a known setting (known: ${[...PROGRAM_KEYS].join(', ')}).`);
  }
  if (!isProgramKind(value.kind)) {
    throw fail(`${path}.kind must be one of ${PROGRAM_KINDS.join(', ')}: ${JSON.stringify(value.kind)}.`);
  }
  if (value.part2 !== undefined && typeof value.part2 !== 'boolean') {
    throw fail(`${path}.part2 must be true or false when present.`);
  }
  if (value.part2 === true && value.kind === 'mental-health') {
    throw fail(
      `${path}.part2 is true for a mental-health programme: 42 CFR Part 2 covers substance use programmes; use kind "substance-use" or "co-occurring".`,
    );
  }
  const telehealthModifier = optionalCode(value, 'telehealthModifier', TELEHEALTH_MODIFIER_CODES, path, fail);
  const audioOnlyModifier = optionalCode(value, 'audioOnlyModifier', AUDIO_ONLY_MODIFIER_CODES, path, fail);
  const clinicPlaceOfService = optionalCode(
    value,
    'clinicPlaceOfService',
    CLINIC_PLACE_OF_SERVICE_CODES,
    path,
    fail,
  );
  return {
    kind: value.kind,
    part2: value.part2 === true,
    ...(telehealthModifier ? { telehealthModifier } : {}),
    ...(audioOnlyModifier ? { audioOnlyModifier } : {}),
    ...(clinicPlaceOfService ? { clinicPlaceOfService } : {}),
  };
}

const RANK: Readonly<Record<Sensitivity, number>> = { normal: 0, restricted: 1, part2: 2 };

/**
 * The sensitivity a note is written with: the peer's choice, raised to Part 2 in a Part 2 programme.
 * A peer may add a label (restricted, or Part 2 in any programme), never lower the programme's.
 */
export function sensitivityInProgram(chosen: Sensitivity, program: ProgramConfig | undefined): Sensitivity {
  const floor: Sensitivity = program?.part2 ? 'part2' : 'normal';
  return RANK[chosen] >= RANK[floor] ? chosen : floor;
}
