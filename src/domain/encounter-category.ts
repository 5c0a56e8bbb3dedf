import type { Encounter } from 'fhir/r4';
import { CATEGORY, EMERGENCY_CLASS, EXTENSION, INPATIENT_CLASS, SESSION_FORMAT } from './codes';
import { codingsOf, extensionCoding } from './fhir-read';
import { arrayOf, isRecord, textOf } from './guards';
import type { TimelineCategory } from './timeline-summary';

function hasCoding(concepts: unknown, system: string, code: string): boolean {
  return arrayOf(Array.isArray(concepts) ? (concepts as unknown[]) : undefined).some((concept) =>
    codingsOf(concept).some((c) => c.code === code && c.system === system),
  );
}

/** Encounter.class: a Coding in R4, but some servers send a CodeableConcept or an array. */
function classCodes(value: unknown): string[] {
  const list: unknown[] = Array.isArray(value) ? (value as unknown[]) : [value];
  const codes: string[] = [];
  for (const item of list) {
    if (isRecord(item)) {
      const code = textOf(item.code);
      if (code) {
        codes.push(code);
      }
      codes.push(...codingsOf(item).flatMap((c) => (c.code ? [c.code] : [])));
    }
  }
  return codes;
}

/** Words a person reads about the visit, lower-cased once, for keyword matching. */
function wordsOf(encounter: Encounter): string {
  const parts: string[] = [];
  for (const concept of [...arrayOf(encounter.type), encounter.serviceType]) {
    if (isRecord(concept)) {
      parts.push(textOf(concept.text) ?? '', ...codingsOf(concept).map((c) => c.display ?? ''));
    }
  }
  return parts.join(' ').toLowerCase();
}

const { system: CATEGORY_SYSTEM, code: PEER_CODE } = CATEGORY.peerSupportService;
const GROUP_CODE = CATEGORY.peerGroupSession.code;
const KEYWORDS: readonly [TimelineCategory, readonly string[]][] = [
  ['psychiatry', ['psychiatr']],
  ['therapy', ['therap', 'counsel']],
  [
    'primary-care',
    ['primary care', 'family medicine', 'internal medicine', 'check-up', 'checkup', 'physical'],
  ],
  ['emergency', ['emergency']],
  ['inpatient', ['inpatient', 'admission', 'hospital stay']],
];

/**
 * Which line of care an Encounter is: PeerBridge's peer contacts by their codes, emergency and
 * inpatient stays by class, the rest by the words of their type; none for a shared group session.
 */
export function categoryOf(encounter: Encounter): TimelineCategory | undefined {
  if (hasCoding(encounter.type, CATEGORY_SYSTEM, PEER_CODE)) {
    const format = extensionCoding(encounter.extension, EXTENSION.sessionFormat)?.code;
    return format === SESSION_FORMAT.group.code || encounter.partOf ? 'group-peer' : 'peer';
  }
  if (hasCoding(encounter.type, CATEGORY_SYSTEM, GROUP_CODE)) {
    return undefined; // the shared session: each participant's own encounter is on their timeline
  }
  const classes = classCodes(encounter.class);
  if (classes.some((c) => EMERGENCY_CLASS.has(c))) {
    return 'emergency';
  }
  if (classes.some((c) => INPATIENT_CLASS.has(c))) {
    return 'inpatient';
  }
  const words = wordsOf(encounter);
  return KEYWORDS.find(([, keys]) => keys.some((k) => words.includes(k)))?.[0] ?? 'other';
}
