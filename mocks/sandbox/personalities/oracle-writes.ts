import type { Communication, DocumentReference, Encounter, Observation, Provenance, Resource } from 'fhir/r4';
import type { AccessGrant } from '../access-grant';
import {
  asBody,
  asList,
  codesOf,
  hasTime,
  referenceKey,
  referenceType,
  requireOnly,
  unprocessable,
  withOnly,
} from './write-rules';

/**
 * Oracle Health (Millennium R4) create and update rules, from the body-field tables of
 * cerner/fhir.cerner.com `lib/resources/r4/<resource>.yaml` and the notes on each resource page
 * (`content/millennium/r4/...`). Where a page says "unsupported fields will be ignored" they are
 * dropped; where it does not (Encounter), they are refused with 422 as `content/millennium/r4.md`
 * ("Body contained unsupported fields", business-rule) describes.
 */
export const VENDOR = 'Oracle Health';

const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
const COMMUNICATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/communication-category';
const SNOMED = 'http://snomed.info/sct';
/** Encounter.class is "inferred on a write"; the sandbox infers an ambulatory visit. */
const INFERRED_CLASS = { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' };

const ENCOUNTER_FIELDS = new Set([
  'resourceType',
  'id',
  'meta',
  'identifier',
  'status',
  'type',
  'priority',
  'subject',
  'participant',
  'period',
  'reasonCode',
  'hospitalization',
  'serviceProvider',
  'location',
  'extension',
]);
const OBSERVATION_FIELDS = new Set([
  'resourceType',
  'status',
  'category',
  'code',
  'subject',
  'encounter',
  'effectiveDateTime',
  'issued',
  'performer',
  'valueQuantity',
  'valueCodeableConcept',
  'valueString',
  'valueAttachment',
  'valueDateTime',
  'interpretation',
  'note',
  'referenceRange',
  'component',
]);
/** Update adds `id` and `identifier` (observation.yaml, action update). */
const OBSERVATION_UPDATE_FIELDS = new Set([...OBSERVATION_FIELDS, 'id', 'identifier']);
const DOCUMENT_FIELDS = new Set([
  'resourceType',
  'id',
  'status',
  'docStatus',
  'type',
  'subject',
  'author',
  'authenticator',
  'content',
  'context',
]);
const COMMUNICATION_FIELDS = new Set([
  'resourceType',
  'status',
  'category',
  'priority',
  'subject',
  'topic',
  'encounter',
  'recipient',
  'sender',
  'payload',
]);
const PROVENANCE_FIELDS = new Set(['resourceType', 'target', 'recorded', 'agent', 'entity']);
const PROVENANCE_TARGETS = new Set([
  'AllergyIntolerance',
  'CarePlan',
  'CareTeam',
  'Condition',
  'DiagnosticReport',
  'DocumentReference',
  'Encounter',
  'Goal',
  'Immunization',
  'MedicationRequest',
  'Observation',
  'Patient',
  'Procedure',
]);
const DOCUMENT_TYPES = new Set([
  'application/pdf',
  'text/plain',
  'text/richtext',
  'text/rtf',
  'text/html',
  'application/xml',
  'application/xhtml+xml',
]);

/** "Modifier fields should not be provided" and implicit rules: refused on every write (r4.md). */
function refuseModifiers(resource: Resource): void {
  if (asBody(resource).modifierExtension !== undefined) {
    throw unprocessable(`${VENDOR} refuses modifier extensions in a write.`, 'extension');
  }
  if (resource.implicitRules !== undefined) {
    throw unprocessable(`${VENDOR} refuses implicit rules in a write.`, 'not-supported');
  }
}

/** The resource to store for a create, or a 422. */
export function checkOracleCreate(resource: Resource, grant: AccessGrant): Resource {
  refuseModifiers(resource);
  const check = CREATE_CHECKS[resource.resourceType];
  return check ? check(resource, grant) : resource;
}

/** Per type: the resource to store, unsupported fields dropped (or, for Encounter, refused). */
const CREATE_CHECKS: Partial<Record<string, (resource: Resource, grant: AccessGrant) => Resource>> = {
  Encounter: (resource) => checkEncounter(resource as Encounter),
  Observation: (resource) => checkObservation(withOnly(resource as Observation, OBSERVATION_FIELDS)),
  DocumentReference: (resource, grant) =>
    checkDocument(withOnly(resource as DocumentReference, DOCUMENT_FIELDS), grant),
  Communication: (resource) => checkCommunication(withOnly(resource as Communication, COMMUNICATION_FIELDS)),
  Provenance: (resource) => checkProvenance(withOnly(resource as Provenance, PROVENANCE_FIELDS)),
};

/** The resource to store for an update (PUT), or a 422; `stored` is the current version. */
export function checkOracleUpdate(resource: Resource, stored: Resource, grant: AccessGrant): Resource {
  refuseModifiers(resource);
  switch (resource.resourceType) {
    case 'Observation': {
      const observation = withOnly(resource as Observation, OBSERVATION_UPDATE_FIELDS);
      const before = stored as Observation;
      if (observation.status !== 'amended' && observation.status !== 'corrected') {
        throw unprocessable('An Observation update must have status amended or corrected.', 'value');
      }
      if (referenceKey(observation.subject) !== referenceKey(before.subject)) {
        throw unprocessable('An Observation update cannot change its patient.');
      }
      if (JSON.stringify(observation.category) !== JSON.stringify(before.category)) {
        throw unprocessable('An Observation update cannot change its category.');
      }
      return observation;
    }
    case 'DocumentReference': {
      const document = withOnly(resource as DocumentReference, DOCUMENT_FIELDS);
      const before = stored as DocumentReference;
      const status = document.status as string;
      if (status !== 'current' && status !== 'entered-in-error') {
        throw unprocessable(
          `A DocumentReference update must have status current or entered-in-error.`,
          'value',
        );
      }
      if (!['final', 'amended', 'entered-in-error'].includes(document.docStatus ?? '')) {
        throw unprocessable(
          'A DocumentReference update must have docStatus final, amended or entered-in-error.',
          'value',
        );
      }
      if (referenceKey(document.subject) !== referenceKey(before.subject)) {
        throw unprocessable('A DocumentReference update must keep the patient of the original document.');
      }
      const encounter = document.context?.encounter?.[0];
      const original = before.context?.encounter?.[0];
      if (referenceKey(encounter) !== referenceKey(original)) {
        throw unprocessable('A DocumentReference update must keep the encounter of the original document.');
      }
      checkAuthorAndContent(document, grant);
      return document;
    }
    default:
      return resource;
  }
}

function checkEncounter(encounter: Encounter): Encounter {
  if (asBody(encounter).class !== undefined) {
    throw unprocessable(`${VENDOR} infers Encounter.class on a write; leave class out.`);
  }
  requireOnly(encounter, ENCOUNTER_FIELDS, VENDOR);
  const meta = asBody(encounter.meta);
  if (Object.keys(meta).some((key) => key !== 'security')) {
    throw unprocessable(`${VENDOR} accepts only meta.security on an Encounter write.`);
  }
  const status = asBody(encounter).status;
  if (typeof status !== 'string' || status === 'cancelled' || status === 'entered-in-error') {
    throw unprocessable(
      `An Encounter must be written with a status other than cancelled or entered-in-error.`,
      'value',
    );
  }
  if (asList(encounter.type).length === 0) {
    throw unprocessable('An Encounter needs a type.', 'required');
  }
  if (referenceType(encounter.subject) !== 'Patient') {
    throw unprocessable('An Encounter needs a Patient as its subject.', 'required');
  }
  const locations = asList(encounter.location);
  const hasLocation = locations.length > 0;
  if (hasLocation === (encounter.serviceProvider !== undefined)) {
    throw unprocessable(
      'An Encounter needs either one location or a serviceProvider, not both and not neither.',
    );
  }
  if (locations.length > 1 || (hasLocation && referenceType(asBody(locations[0]).location) !== 'Location')) {
    throw unprocessable('An Encounter may reference only one Location.');
  }
  for (const participant of asList(encounter.participant).map(asBody)) {
    if (Object.keys(participant).some((key) => !['type', 'period', 'individual'].includes(key))) {
      throw unprocessable('An Encounter participant may carry only type, period and individual.');
    }
    const who = referenceType(participant.individual);
    if (asList(participant.type).length === 0 || (who !== 'Practitioner' && who !== 'RelatedPerson')) {
      throw unprocessable(
        'Each Encounter participant needs a type and a Practitioner (or RelatedPerson) individual.',
      );
    }
  }
  for (const moment of [encounter.period?.start, encounter.period?.end]) {
    if (moment !== undefined && !hasTime(moment)) {
      throw unprocessable('Encounter.period needs a date with a time.', 'value');
    }
  }
  const hospitalization = asBody(encounter.hospitalization);
  if (Object.keys(hospitalization).some((key) => key !== 'admitSource' && key !== 'dischargeDisposition')) {
    throw unprocessable(
      'Only admitSource and dischargeDisposition of Encounter.hospitalization can be written.',
    );
  }
  return { ...encounter, class: INFERRED_CLASS };
}

function checkObservation(observation: Observation): Observation {
  const categories = asList(observation.category);
  const codes = codesOf(categories[0], OBSERVATION_CATEGORY);
  const kind = ['vital-signs', 'laboratory'].find((code) => codes.includes(code));
  if (categories.length !== 1 || kind === undefined) {
    throw unprocessable('An Observation is created with exactly one category: vital-signs or laboratory.');
  }
  if (!['final', 'amended', 'corrected'].includes(observation.status)) {
    throw unprocessable('An Observation is created with status final, amended or corrected.', 'value');
  }
  if (referenceType(observation.subject) !== 'Patient') {
    throw unprocessable('An Observation needs a Patient as its subject.', 'required');
  }
  if (!observation.effectiveDateTime) {
    throw unprocessable('An Observation needs effectiveDateTime (only a dateTime is supported).', 'required');
  }
  const performers = asList(observation.performer);
  if (performers.some((performer) => referenceType(performer) !== 'Practitioner')) {
    throw unprocessable('Observation.performer must reference a Practitioner.');
  }
  if (kind === 'vital-signs' && performers.length === 0) {
    throw unprocessable('A vital-signs Observation needs a performer.', 'required');
  }
  return observation;
}

function checkDocument(document: DocumentReference, grant: AccessGrant): DocumentReference {
  if (document.status !== 'current') {
    throw unprocessable('A DocumentReference is created with status current.', 'value');
  }
  if (document.docStatus !== 'final') {
    throw unprocessable(
      'A DocumentReference is created with docStatus final (for provider access).',
      'value',
    );
  }
  if (codesOf(document.type).length === 0) {
    throw unprocessable('A DocumentReference needs a type (LOINC or proprietary coding).', 'required');
  }
  if (referenceType(document.subject) !== 'Patient') {
    throw unprocessable('A DocumentReference needs a Patient as its subject.', 'required');
  }
  checkAuthorAndContent(document, grant);
  const context = document.context;
  if ((context?.encounter?.length ?? 0) > 1) {
    throw unprocessable('A DocumentReference may reference only one encounter.');
  }
  if (!hasTime(context?.period?.end)) {
    throw unprocessable('A DocumentReference needs context.period.end, a date with a time.', 'required');
  }
  return document;
}

/** Provider access: one author, the signed-in practitioner; exactly one attachment with type and data. */
function checkAuthorAndContent(document: DocumentReference, grant: AccessGrant): void {
  const authors = asList(document.author);
  const user = grant.fhirUser ? referenceKey({ reference: grant.fhirUser }) : '';
  if (
    authors.length !== 1 ||
    referenceKey(authors[0]) !== user ||
    referenceType(authors[0]) !== 'Practitioner'
  ) {
    throw unprocessable(
      `A DocumentReference needs exactly one author, the signed-in practitioner (${user || 'none signed in'}).`,
    );
  }
  if (document.authenticator) {
    throw unprocessable('DocumentReference.authenticator cannot be written with provider access.');
  }
  const contents = asList(document.content);
  const attachment = asBody(asBody(contents[0]).attachment);
  const contentType = typeof attachment.contentType === 'string' ? attachment.contentType : '';
  const [mime = '', ...parameters] = contentType.split(';').map((part) => part.trim().toLowerCase());
  const charset = parameters.some((part) => part === 'charset=utf-8');
  if (contents.length !== 1 || typeof attachment.data !== 'string' || !DOCUMENT_TYPES.has(mime)) {
    throw unprocessable(
      'A DocumentReference needs exactly one content attachment with a supported contentType and its data.',
    );
  }
  if (mime !== 'application/pdf' && !charset) {
    throw unprocessable(`contentType ${mime} needs a character set: ${mime};charset=utf-8.`, 'value');
  }
  if (attachment.creation !== undefined && !hasTime(attachment.creation)) {
    throw unprocessable('content.attachment.creation needs a date with a time.', 'value');
  }
}

function checkCommunication(communication: Communication): Communication {
  if (communication.status !== 'completed') {
    throw unprocessable("Communications are written in 'completed' status.", 'value');
  }
  const categories = asList(communication.category);
  const allowed = categories.every(
    (category) =>
      codesOf(category, COMMUNICATION_CATEGORY).some(
        (code) => code === 'notification' || code === 'reminder',
      ) || codesOf(category, SNOMED).includes('312853008'),
  );
  if (categories.length === 0 || !allowed) {
    throw unprocessable('Communication.category must be notification or reminder.');
  }
  const recipients = asList(communication.recipient);
  if (
    recipients.length === 0 ||
    recipients.some((r) => !['Practitioner', 'Group'].includes(referenceType(r)))
  ) {
    throw unprocessable('Each Communication recipient must be a Practitioner or a Group.');
  }
  if (referenceType(communication.sender) !== 'Practitioner') {
    throw unprocessable('Communication.sender must be a Practitioner.', 'required');
  }
  if (communication.subject !== undefined && referenceType(communication.subject) !== 'Patient') {
    throw unprocessable('Only a Patient is supported as Communication.subject.');
  }
  if (communication.encounter !== undefined && communication.subject === undefined) {
    throw unprocessable('Communication.subject is required when an encounter is written.', 'required');
  }
  if (
    communication.priority !== undefined &&
    communication.priority !== 'routine' &&
    communication.priority !== 'urgent'
  ) {
    throw unprocessable("Only 'routine' and 'urgent' priorities are supported.", 'value');
  }
  const payloads = asList(communication.payload);
  const attachment = asBody(asBody(payloads[0]).contentAttachment);
  const mime =
    typeof attachment.contentType === 'string' ? attachment.contentType.split(';', 1)[0]?.trim() : '';
  if (
    payloads.length !== 1 ||
    typeof attachment.data !== 'string' ||
    (mime !== 'text/plain' && mime !== 'application/xhtml+xml')
  ) {
    throw unprocessable(
      'Communication.payload is one contentAttachment with contentType text/plain or application/xhtml+xml and its data.',
    );
  }
  return communication;
}

function checkProvenance(provenance: Provenance): Provenance {
  const targets = asList(provenance.target);
  if (targets.length !== 1) {
    throw unprocessable(`A Provenance has exactly one target (this one has ${targets.length}).`);
  }
  if (!PROVENANCE_TARGETS.has(referenceType(targets[0]))) {
    throw unprocessable(`Provenance cannot target a ${referenceType(targets[0]) || 'non-reference'}.`);
  }
  if (!provenance.recorded) {
    throw unprocessable('Provenance.recorded is required.', 'required');
  }
  const agents = asList(provenance.agent);
  if (agents.length === 0 || agents.some((agent) => referenceKey(asBody(agent).who) === '')) {
    throw unprocessable('A Provenance needs at least one agent with who.', 'required');
  }
  return provenance;
}
