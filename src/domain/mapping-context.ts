/**
 * What every resource of one save shares (who, whom, when, labels, statuses), computed once per save
 * so the per-resource builders only assemble objects: a save must map fast enough for bulk imports.
 */
import type { Coding, Meta, Reference } from 'fhir/r4';
import { SECURITY_LABELS } from './codes';
import type { PeerEncounterDraft } from './peer-encounter-draft';
import { sensitivityInProgram, type ProgramConfig } from './program-config';
import { writableDraft } from './writable-text';
import { referenceToId } from './references';

export interface TransactionAuthor {
  /** `Practitioner/<id>` of the signed-in peer. */
  readonly practitioner: string;
  /** `PractitionerRole/<id>`, preferred as the performer when known. */
  readonly practitionerRole?: string;
  readonly display?: string;
}

export interface TransactionContext {
  readonly author: TransactionAuthor;
  /** `Organization/<id>` the peer works for. */
  readonly organization?: string;
  /** ISO instant of the save (Observation.issued, Provenance.recorded, Task.authoredOn). */
  readonly now: string;
  readonly newUuid: () => string;
  /** 1 for the first write; each amendment or later save is the next revision. */
  readonly revision?: number;
  /** Absolute FHIR base, used only for the fullUrl of updates (PUT) in amendments. */
  readonly serverBase?: string;
  /** The site's peer programme (runtime config): billing modifiers and the programme's privacy labels. */
  readonly program?: ProgramConfig;
}

export type EncounterStatus = 'in-progress' | 'finished' | 'entered-in-error';
export type ObservationStatus = 'preliminary' | 'final' | 'amended' | 'entered-in-error';

export interface Statuses {
  readonly encounter: EncounterStatus;
  readonly observation: ObservationStatus;
}

export function statusesFor(draft: PeerEncounterDraft): Statuses {
  return draft.status === 'final'
    ? { encounter: 'finished', observation: 'final' }
    : { encounter: 'in-progress', observation: 'preliminary' };
}

export interface MappingContext {
  readonly draft: PeerEncounterDraft;
  readonly context: TransactionContext;
  readonly statuses: Statuses;
  readonly patient: string;
  /** The note's labels: the peer's choice, never below the programme's. */
  readonly labels: readonly Coding[];
  /** The programme's own labels (Part 2 or none), for what names no person: the group session. */
  readonly programLabels: readonly Coding[];
  readonly author: () => Reference;
  readonly meta: (profile?: string) => Meta | undefined;
}

export function mappingContext(
  draft: PeerEncounterDraft,
  context: TransactionContext,
  statuses: Statuses,
): MappingContext {
  const labels = SECURITY_LABELS[sensitivityInProgram(draft.sensitivity, context.program)];
  const programLabels = SECURITY_LABELS[sensitivityInProgram('normal', context.program)];
  const authorReference = context.author.practitionerRole ?? context.author.practitioner;
  const authorDisplay = context.author.display;
  return {
    draft: writableDraft(draft),
    context,
    statuses,
    patient: referenceToId('Patient', draft.patientId),
    labels,
    programLabels,
    author: () =>
      authorDisplay ? { reference: authorReference, display: authorDisplay } : { reference: authorReference },
    meta: (profile) => {
      if (labels.length === 0) {
        return profile ? { profile: [profile] } : undefined;
      }
      return profile ? { profile: [profile], security: labels.slice() } : { security: labels.slice() };
    },
  };
}
