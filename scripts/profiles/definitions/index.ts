import type { StructureDefinition } from 'fhir/r4';
import { peerSupportNote } from './clinical-note';
import { peerSupportEncounter } from './encounter';
import { EXTENSIONS } from './extensions';
import { OBSERVATION_PROFILES } from './observations';
import { peerNoteReturn } from './note-return';
import { peerCosignProvenance, peerProvenance } from './provenance';

/** Every StructureDefinition of the package, extensions first (profiles refer to them). */
export const STRUCTURE_DEFINITIONS: readonly StructureDefinition[] = [
  ...EXTENSIONS,
  peerSupportEncounter,
  ...OBSERVATION_PROFILES,
  peerProvenance,
  peerSupportNote,
  peerCosignProvenance,
  peerNoteReturn,
];
