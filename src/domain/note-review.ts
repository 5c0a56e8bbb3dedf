/**
 * Where a signed peer note stands with the supervisor: awaiting review, co-signed, or returned with a
 * comment. Read from the record alone, so every workstation agrees: a co-signature is a Provenance
 * with the supervisor as `verifier` (profile peer-cosign-provenance), a return is a Communication to
 * the peer (profile peer-note-return), and the peer's own Provenances (agent `author`) say when the
 * note was signed or amended. Whatever happened last after the latest signature wins; an amendment
 * after a co-signature or a return puts the note back in the queue.
 * https://hl7.org/fhir/R4/provenance.html
 */
import type { Communication, FhirResource, Provenance } from 'fhir/r4';
import { COSIGN, NOTE_RETURNED_CATEGORY, PROVENANCE_CODE } from './codes';
import { codingsOf, referenceOf } from './fhir-read';
import { arrayOf, isRecord, textOf } from './guards';
import { referenceKey } from './references';

export type ReviewState =
  | { readonly kind: 'unsigned' }
  | { readonly kind: 'awaiting'; readonly signedAt: string; readonly revision: number }
  | {
      readonly kind: 'cosigned';
      readonly signedAt: string;
      readonly revision: number;
      readonly by: string;
      readonly at: string;
    }
  | {
      readonly kind: 'returned';
      readonly signedAt: string;
      readonly revision: number;
      readonly by: string;
      readonly at: string;
      readonly comment: string;
    };

/** The Provenances and Communications that may say something about the review of peer notes. */
export interface ReviewRecords {
  readonly provenances: readonly Provenance[];
  readonly communications: readonly Communication[];
}

export function reviewRecordsIn(resources: readonly FhirResource[]): ReviewRecords {
  return {
    provenances: resources.filter((r): r is Provenance => r.resourceType === 'Provenance'),
    communications: resources.filter((r): r is Communication => r.resourceType === 'Communication'),
  };
}

function agentTypeIs(provenance: Provenance, type: { system: string; code: string }): boolean {
  return arrayOf(provenance.agent).some(
    (agent) =>
      isRecord(agent) &&
      codingsOf(agent.type).some((coding) => coding.system === type.system && coding.code === type.code),
  );
}

export function isCosignature(provenance: Provenance): boolean {
  return agentTypeIs(provenance, COSIGN.agentType);
}

function isAuthorship(provenance: Provenance): boolean {
  return agentTypeIs(provenance, PROVENANCE_CODE.author) && !isCosignature(provenance);
}

export function isNoteReturn(communication: Communication): boolean {
  return arrayOf(communication.category).some((concept) =>
    codingsOf(concept).some(
      (coding) =>
        coding.system === NOTE_RETURNED_CATEGORY.system && coding.code === NOTE_RETURNED_CATEGORY.code,
    ),
  );
}

function targets(provenance: Provenance, encounterRef: string): boolean {
  return arrayOf(provenance.target).some(
    (target) => referenceKey(referenceOf(target)?.reference) === encounterRef,
  );
}

function whoOf(agentOrSender: unknown): string {
  const who = referenceOf(agentOrSender);
  return who?.display ?? who?.reference ?? '';
}

function verifierName(provenance: Provenance): string {
  const agent = arrayOf(provenance.agent).find(
    (a) =>
      isRecord(a) &&
      codingsOf(a.type).some((c) => c.system === COSIGN.agentType.system && c.code === COSIGN.agentType.code),
  );
  return whoOf(agent?.who);
}

function time(value: string | undefined): number {
  const at = Date.parse(value ?? '');
  return Number.isNaN(at) ? Number.NEGATIVE_INFINITY : at;
}

/** The review state of the note whose Encounter is `encounterRef` (`Encounter/<id>`). */
export function reviewStateOf(encounterRef: string, records: ReviewRecords): ReviewState {
  const about = records.provenances.filter((p) => targets(p, encounterRef));
  const signatures = about.filter(isAuthorship).map((p) => textOf(p.recorded) ?? '');
  if (signatures.length === 0) {
    return { kind: 'unsigned' };
  }
  const signedAt = signatures.reduce((a, b) => (time(b) > time(a) ? b : a));
  const revision = signatures.length;
  const events = [
    ...about.filter(isCosignature).map((p) => ({
      kind: 'cosigned' as const,
      at: textOf(p.recorded) ?? '',
      by: verifierName(p),
      comment: '',
    })),
    ...records.communications
      .filter((c) => isNoteReturn(c) && referenceKey(referenceOf(c.encounter)?.reference) === encounterRef)
      .map((c) => ({
        kind: 'returned' as const,
        at: textOf(c.sent) ?? '',
        by: whoOf(c.sender),
        comment: arrayOf(c.payload)
          .map((p) => (isRecord(p) ? textOf(p.contentString) : undefined))
          .filter((text): text is string => text !== undefined)
          .join(' '),
      })),
  ].filter((event) => time(event.at) >= time(signedAt));
  const latest = events.reduce<(typeof events)[number] | undefined>(
    (a, b) => (a === undefined || time(b.at) > time(a.at) ? b : a),
    undefined,
  );
  if (!latest) {
    return { kind: 'awaiting', signedAt, revision };
  }
  return latest.kind === 'cosigned'
    ? { kind: 'cosigned', signedAt, revision, by: latest.by, at: latest.at }
    : { kind: 'returned', signedAt, revision, by: latest.by, at: latest.at, comment: latest.comment };
}
