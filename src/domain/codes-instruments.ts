/**
 * The standard instruments a peer can give item by item, read from their Questionnaires in
 * fhir-profiles/: items, answers and points come from there, never from code. What the
 * Questionnaires cannot say (range, which way is better, bands, the safety item) is here, each with
 * its source (docs/decisions/0018-standard-instruments.md).
 */
import type { Coding, Questionnaire, QuestionnaireItem, QuestionnaireItemAnswerOption } from 'fhir/r4';
import barc10 from '../../fhir-profiles/Questionnaire-barc-10.json';
import gad7 from '../../fhir-profiles/Questionnaire-gad-7.json';
import phq9 from '../../fhir-profiles/Questionnaire-phq-9.json';
import qpr15 from '../../fhir-profiles/Questionnaire-qpr-15.json';
import type { KnownCoding } from './codes-lookup';
import { isRecord } from './guards';

export type InstrumentId = 'phq-9' | 'gad-7' | 'barc-10' | 'qpr-15';
export const INSTRUMENT_IDS: readonly InstrumentId[] = ['phq-9', 'gad-7', 'barc-10', 'qpr-15'];

export interface InstrumentAnswer {
  readonly coding: KnownCoding;
  readonly points: number;
}

export interface InstrumentItem {
  readonly linkId: string;
  readonly text: string;
  /** The item's own code (LOINC for PHQ-9 and GAD-7); absent where LOINC has none. */
  readonly code?: KnownCoding;
  readonly answers: readonly InstrumentAnswer[];
}

/** A severity band of the total, e.g. PHQ-9 10-14 "Moderate". */
export interface ScoreBand {
  readonly min: number;
  readonly max: number;
  readonly label: string;
}

/** An item whose answer at or above `fromPoints` is a safety event, not a score. */
export interface SafetyItem {
  readonly linkId: string;
  readonly fromPoints: number;
  /** Says what the answer means, in words a clinician reads first. */
  readonly reason: string;
}

export interface Instrument {
  readonly id: InstrumentId;
  /** Short name shown everywhere: "PHQ-9". */
  readonly name: string;
  readonly title: string;
  /** `Questionnaire.url|version`, as QuestionnaireResponse.questionnaire carries it. */
  readonly canonical: string;
  readonly lead?: string;
  readonly items: readonly InstrumentItem[];
  /** The code of the total score Observation. */
  readonly total: KnownCoding;
  /** The Questionnaire's read-only total item, which a completed QuestionnaireResponse answers. */
  readonly totalItem: { readonly linkId: string; readonly text: string };
  readonly min: number;
  readonly max: number;
  readonly better: 'higher' | 'lower';
  readonly bands: readonly ScoreBand[];
  readonly safetyItem?: SafetyItem;
}

const ORDINAL = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';

class InstrumentDefinitionError extends Error {
  constructor(id: string, what: string) {
    super(`fhir-profiles/Questionnaire-${id}.json ${what}; fix the Questionnaire, not the code.`);
    this.name = 'InstrumentDefinitionError';
  }
}

function known(coding: Coding | undefined, id: string, where: string): KnownCoding {
  if (!coding?.system || !coding.code || !coding.display) {
    throw new InstrumentDefinitionError(id, `has a coding without system, code or display at ${where}`);
  }
  return Object.freeze({ system: coding.system, code: coding.code, display: coding.display });
}

function answerOf(option: QuestionnaireItemAnswerOption, id: string, linkId: string): InstrumentAnswer {
  const points = option.extension?.find((e) => e.url === ORDINAL)?.valueDecimal;
  if (typeof points !== 'number') {
    throw new InstrumentDefinitionError(id, `has an answer without ordinalValue in item ${linkId}`);
  }
  return { coding: known(option.valueCoding, id, `item ${linkId}`), points };
}

function itemOf(item: QuestionnaireItem, id: string): InstrumentItem {
  if (!item.text) {
    throw new InstrumentDefinitionError(id, `has item ${item.linkId} without text`);
  }
  const code = item.code?.[0];
  return {
    linkId: item.linkId,
    text: item.text,
    ...(code ? { code: known(code, id, `item ${item.linkId}`) } : {}),
    answers: (item.answerOption ?? []).map((option) => answerOf(option, id, item.linkId)),
  };
}

interface Scoring {
  readonly name: string;
  readonly better: 'higher' | 'lower';
  readonly bands: readonly ScoreBand[];
  readonly safetyItem?: SafetyItem;
}

function buildInstrument(json: unknown, id: InstrumentId, scoring: Scoring): Instrument {
  if (!isRecord(json) || json.resourceType !== 'Questionnaire' || json.id !== id) {
    throw new InstrumentDefinitionError(id, 'is not the Questionnaire of that id');
  }
  const questionnaire = json as unknown as Questionnaire;
  const all = questionnaire.item ?? [];
  const items = all.filter((item) => item.type === 'choice').map((item) => itemOf(item, id));
  const totalItem = all.find((item) => item.type === 'integer' && item.readOnly);
  const lead = all.find((item) => item.type === 'display')?.text;
  if (!questionnaire.url || !questionnaire.version || !questionnaire.title || !totalItem) {
    throw new InstrumentDefinitionError(id, 'needs url, version, title and a read-only integer total item');
  }
  const lowest = (item: InstrumentItem) => Math.min(...item.answers.map((a) => a.points));
  const highest = (item: InstrumentItem) => Math.max(...item.answers.map((a) => a.points));
  return {
    id,
    name: scoring.name,
    title: questionnaire.title,
    canonical: `${questionnaire.url}|${questionnaire.version}`,
    ...(lead ? { lead } : {}),
    items,
    total: known(totalItem.code?.[0], id, `item ${totalItem.linkId}`),
    totalItem: { linkId: totalItem.linkId, text: totalItem.text ?? 'Total score' },
    min: items.reduce((sum, item) => sum + lowest(item), 0),
    max: items.reduce((sum, item) => sum + highest(item), 0),
    better: scoring.better,
    bands: scoring.bands,
    ...(scoring.safetyItem ? { safetyItem: scoring.safetyItem } : {}),
  };
}

/** Severity bands: Kroenke et al. 2001 (PHQ-9), Spitzer et al. 2006 (GAD-7). */
const DEPRESSION_BANDS: readonly ScoreBand[] = [
  { min: 0, max: 4, label: 'Minimal' },
  { min: 5, max: 9, label: 'Mild' },
  { min: 10, max: 14, label: 'Moderate' },
  { min: 15, max: 19, label: 'Moderately severe' },
  { min: 20, max: 27, label: 'Severe' },
];
const ANXIETY_BANDS: readonly ScoreBand[] = [
  { min: 0, max: 4, label: 'Minimal' },
  { min: 5, max: 9, label: 'Mild' },
  { min: 10, max: 14, label: 'Moderate' },
  { min: 15, max: 21, label: 'Severe' },
];
/** Vilsaint et al. 2017: 47 or more was associated with sustained remission. No bands otherwise. */
const RECOVERY_CAPITAL_BANDS: readonly ScoreBand[] = [
  { min: 10, max: 46, label: 'Below 47' },
  { min: 47, max: 60, label: '47 or more' },
];

export const INSTRUMENTS: ReadonlyMap<InstrumentId, Instrument> = new Map(
  [
    buildInstrument(phq9, 'phq-9', {
      name: 'PHQ-9',
      better: 'lower',
      bands: DEPRESSION_BANDS,
      // Item 9: any answer above "Not at all" needs a safety response the same day (Kroenke et al. 2001;
      // the PHQ-9 instructions ask that a positive item 9 be followed up whatever the total).
      safetyItem: {
        linkId: '44260-8',
        fromPoints: 1,
        reason: 'PHQ-9 item 9: thoughts of being better off dead or of self-harm',
      },
    }),
    buildInstrument(gad7, 'gad-7', { name: 'GAD-7', better: 'lower', bands: ANXIETY_BANDS }),
    buildInstrument(barc10, 'barc-10', { name: 'BARC-10', better: 'higher', bands: RECOVERY_CAPITAL_BANDS }),
    buildInstrument(qpr15, 'qpr-15', { name: 'QPR-15', better: 'higher', bands: [] }),
  ].map((instrument) => [instrument.id, instrument]),
);

export function isInstrumentId(value: unknown): value is InstrumentId {
  return typeof value === 'string' && (INSTRUMENT_IDS as readonly string[]).includes(value);
}

/** The instrument of a QuestionnaireResponse.questionnaire (with or without `|version`). */
export function instrumentOfCanonical(canonical: string | undefined): Instrument | undefined {
  const url = canonical?.split('|')[0];
  return [...INSTRUMENTS.values()].find((instrument) => instrument.canonical.split('|')[0] === url);
}

export function instrumentById(id: InstrumentId): Instrument {
  const instrument = INSTRUMENTS.get(id);
  if (!instrument) {
    throw new Error(`Unknown instrument ${id}.`);
  }
  return instrument;
}
