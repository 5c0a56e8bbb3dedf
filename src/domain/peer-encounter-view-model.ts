/** The readable shape of a saved peer encounter, as the UI shows it and an amendment starts from. */
import type { Coding, FhirResource } from 'fhir/r4';
import type { LoadedParts } from './note-parts';
import type { PeerEncounterDraft } from './peer-encounter-draft';
import type { ProvenanceEntry } from './provenance-history';

export type RecordStatus = 'draft' | 'final' | 'amended' | 'entered-in-error' | 'unknown';

/** A resource PeerBridge wrote, as the server holds it: what an amendment must update. */
export interface ResourceVersion {
  readonly resourceType: string;
  readonly id: string;
  readonly versionId?: string;
  readonly key: string;
  readonly resource: FhirResource;
}

export interface PeerEncounterDisplay {
  readonly contactMode: string;
  readonly setting: string;
  readonly activities: readonly string[];
  readonly goalProgress: readonly string[];
  readonly response: string;
  readonly followUpReason: string;
  readonly followUpUrgency: string;
}

export interface PeerEncounterView {
  readonly draft: PeerEncounterDraft;
  /** How the resources refer to this Encounter: its urn:uuid, or `Encounter/<id>`. */
  readonly encounterRef: string;
  readonly encounterId?: string;
  readonly recordStatus: RecordStatus;
  readonly author: { readonly reference?: string; readonly display: string };
  readonly lastUpdated?: string;
  readonly versionId?: string;
  readonly labels: readonly Coding[];
  readonly display: PeerEncounterDisplay;
  /** Oldest first. */
  readonly provenance: readonly ProvenanceEntry[];
  readonly versions: readonly ResourceVersion[];
  /** The revision the next amendment's Provenance takes. */
  readonly nextRevision: number;
  /** Every resource that belongs to this encounter, as given. */
  readonly resources: readonly FhirResource[];
  /**
   * Which parts were fetched with the Encounter. A part not loaded is unknown: its empty fields mean
   * "not loaded", never "none recorded", and the note must not be amended from this view.
   */
  readonly loaded: LoadedParts;
  /**
   * The clinical note (DocumentReference) this save wrote, as the server holds it: an amendment
   * writes the next revision, which `replaces` it (docs/decisions/0012).
   */
  readonly clinicalNote?: ResourceVersion;
}
