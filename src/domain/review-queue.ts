/**
 * A supervisor's queue: the signed peer notes of the people whose care teams the supervisor is on
 * (docs/decisions/0025), awaiting review, newest signature first. Built from one CareTeam page (the
 * people, with their names) and the search of those people's finished Encounters with the
 * Provenances and Communications about them. Pure: the caller fetches.
 */
import type { Encounter, FhirResource, Provenance } from 'fhir/r4';
import { contactModeCoding, settingCoding } from './draft-codings';
import { EXTENSION } from './codes';
import { extensionCoding, referenceOf } from './fhir-read';
import { arrayOf, textOf } from './guards';
import { reviewRecordsIn, reviewStateOf, type ReviewRecords } from './note-review';
import { parseReference, referenceKey, referenceToId } from './references';
import { searchPath } from './search-query';
import { supportsRevInclude, supportsSearchParam, type ServerCapabilities } from './server-capabilities';
import { isPeerEncounter } from './view-index';

export interface ReviewNote {
  readonly encounterId: string;
  /** `Encounter/<id>`. */
  readonly encounterRef: string;
  readonly patientId: string;
  readonly personName: string;
  /** The peer who wrote the note, as the Encounter names them (the primary performer). */
  readonly peer: { readonly reference?: string; readonly display: string };
  /** When the contact took place. */
  readonly start: string;
  /** When the peer last signed (or amended) the note. */
  readonly signedAt: string;
  /** How many times the peer signed it: a co-signature is for this revision. */
  readonly revision: number;
  /** Mode, setting and length, e.g. "Phone · 30 min": the queue does not load the note's words. */
  readonly summary: string;
  /** What the co-signature targets: the resources the peer's Provenances name, the Encounter first. */
  readonly targets: readonly string[];
}

/** Encounters per page of the notes search; `next` links bring the rest. */
export const REVIEW_NOTES_PAGE_SIZE = 200;

export interface ReviewNotesQuery {
  readonly path: string;
  /** Where the server lists no `_revinclude`, the Provenances and Communications are searched apart. */
  readonly separate: readonly string[];
}

function encounterList(patientIds: readonly string[]): string {
  return patientIds.map((id) => referenceToId('Patient', id)).join(',');
}

/**
 * The finished Encounters of these people with the Provenances that target them and the
 * Communications about them, in one search where the server lists both `_revinclude`s
 * (https://hl7.org/fhir/R4/search.html#revinclude); otherwise those are searched by the people's
 * Encounters once the Encounters are in (`separateReviewSearches`).
 */
export function reviewNotesQuery(
  patientIds: readonly string[],
  capabilities: ServerCapabilities,
): ReviewNotesQuery {
  const provenances = supportsRevInclude(capabilities, 'Encounter', 'Provenance:target');
  const communications = supportsRevInclude(capabilities, 'Encounter', 'Communication:encounter');
  const status = supportsSearchParam(capabilities, 'Encounter', 'status');
  return {
    path: searchPath('Encounter', [
      ['patient', encounterList(patientIds)],
      ...(status ? [['status', 'finished'] as const] : []),
      ...(provenances ? [['_revinclude', 'Provenance:target'] as const] : []),
      ...(communications ? [['_revinclude', 'Communication:encounter'] as const] : []),
      ['_count', REVIEW_NOTES_PAGE_SIZE],
    ]),
    separate: [...(provenances ? [] : ['Provenance']), ...(communications ? [] : ['Communication'])],
  };
}

/** The searches for what the server would not revinclude, by the Encounters found. */
export function separateReviewSearches(types: readonly string[], encounterRefs: readonly string[]): string[] {
  if (encounterRefs.length === 0) {
    return [];
  }
  const list = encounterRefs.join(',');
  return types.map((type) =>
    type === 'Provenance'
      ? searchPath('Provenance', [
          ['target', list],
          ['_count', REVIEW_NOTES_PAGE_SIZE],
        ])
      : searchPath('Communication', [
          ['encounter', list],
          ['_count', REVIEW_NOTES_PAGE_SIZE],
        ]),
  );
}

/** People per notes search: keeps the comma-joined `patient` list (and the URL) short. */
export const REVIEW_PEOPLE_PER_SEARCH = 50;

function peerOf(encounter: Encounter): { reference?: string; display: string } {
  const individual = referenceOf(arrayOf(encounter.participant)[0]?.individual);
  return {
    ...(individual?.reference ? { reference: individual.reference } : {}),
    display: individual?.display ?? '',
  };
}

function summaryOf(encounter: Encounter): string {
  const mode = extensionCoding(encounter.extension, EXTENSION.contactMode);
  const setting = extensionCoding(encounter.extension, EXTENSION.setting);
  const modeText = mode?.code ? (contactModeCoding(mode.code).display ?? mode.display) : undefined;
  const settingText = setting?.code ? (settingCoding(setting.code).display ?? setting.display) : undefined;
  const minutes = encounter.length?.value;
  return [modeText, settingText, typeof minutes === 'number' ? `${minutes} min` : undefined]
    .filter((part): part is string => Boolean(part))
    .join(' · ');
}

function targetsOf(encounterRef: string, provenances: readonly Provenance[]): string[] {
  const refs = new Set<string>([encounterRef]);
  for (const provenance of provenances) {
    const keys = arrayOf(provenance.target).map((t) => referenceKey(referenceOf(t)?.reference));
    if (!keys.includes(encounterRef)) {
      continue;
    }
    for (const key of keys) {
      // Only what the server can resolve: a urn:uuid left in a target would not be.
      if (key && parseReference(key)) {
        refs.add(key);
      }
    }
  }
  return [...refs];
}

/**
 * The notes awaiting review, newest signature first (ties: the later contact first). Only finished
 * peer Encounters the peer signed (an author Provenance) and nobody co-signed or returned since.
 */
export function buildReviewQueue(
  resources: readonly FhirResource[],
  people: ReadonlyMap<string, string>,
): ReviewNote[] {
  const records: ReviewRecords = reviewRecordsIn(resources);
  const seen = new Set<string>();
  const notes: ReviewNote[] = [];
  for (const resource of resources) {
    if (
      resource.resourceType !== 'Encounter' ||
      resource.status !== 'finished' ||
      !isPeerEncounter(resource)
    ) {
      continue;
    }
    const encounterId = textOf(resource.id);
    const patientId = parseReference(resource.subject?.reference)?.id;
    if (!encounterId || !patientId || seen.has(encounterId)) {
      continue;
    }
    seen.add(encounterId);
    const encounterRef = referenceToId('Encounter', encounterId);
    const state = reviewStateOf(encounterRef, records);
    if (state.kind !== 'awaiting') {
      continue;
    }
    notes.push({
      encounterId,
      encounterRef,
      patientId,
      personName:
        people.get(patientId) || textOf(resource.subject?.display) || 'A person on your team’s caseload',
      peer: peerOf(resource),
      start: textOf(resource.period?.start) ?? '',
      signedAt: state.signedAt,
      revision: state.revision,
      summary: summaryOf(resource),
      targets: targetsOf(encounterRef, records.provenances),
    });
  }
  const time = (value: string): number => {
    const at = Date.parse(value);
    return Number.isNaN(at) ? Number.NEGATIVE_INFINITY : at;
  };
  return notes.sort(
    (a, b) =>
      time(b.signedAt) - time(a.signedAt) ||
      time(b.start) - time(a.start) ||
      a.encounterId.localeCompare(b.encounterId),
  );
}
