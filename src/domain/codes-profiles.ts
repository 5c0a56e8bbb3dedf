/** Canonical URLs of PeerBridge's own profiles, extensions and identifier system (fhir-profiles/package.json). */
import profilesPackage from '../../fhir-profiles/package.json';

export const CANONICAL: string = profilesPackage.canonical;
export const RESOURCE_KEY_SYSTEM = `${CANONICAL}/sid/resource-key`;
const sd = (id: string): string => `${CANONICAL}/StructureDefinition/${id}`;
export const PROFILE = {
  encounter: sd('peer-support-encounter'),
  activity: sd('peer-activity-observation'),
  goalProgress: sd('peer-goal-progress-observation'),
  response: sd('peer-response-observation'),
  note: sd('peer-note-observation'),
  outcomeMeasure: sd('peer-outcome-measure-observation'),
  followUp: sd('peer-follow-up-observation'),
  provenance: sd('peer-provenance'),
  clinicalNote: sd('peer-support-note'),
  cosign: sd('peer-cosign-provenance'),
  noteReturn: sd('peer-note-return'),
} as const;
export const EXTENSION = {
  billingModifier: sd('billing-modifier'),
  placeOfService: sd('place-of-service'),
  contactMode: sd('contact-mode'),
  sessionFormat: sd('session-format'),
  setting: sd('peer-setting'),
  nextContact: sd('next-contact'),
} as const;
