import { valueSetUrl } from './canonical';
import { el, invariant, mustSupport, profile, ref, required } from './elements';

const US_CORE_NOTE_CATEGORY = 'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category';

/**
 * The peer's note as a clinical note (US Core "Writing clinical notes"): written wherever a server
 * accepts DocumentReference create, which is the one write Epic and Oracle Health both document for
 * apps. Built on core DocumentReference, like the Encounter profile, so the package needs no US Core
 * dependency; it keeps every element US Core DocumentReference requires.
 */
export const peerSupportNote = profile({
  id: 'peer-support-note',
  name: 'PeerSupportNote',
  title: 'Peer support clinical note',
  type: 'DocumentReference',
  kind: 'resource',
  description:
    'The whole peer support note as one readable text/plain attachment (when, how long and billing units, mode, setting, format, activities, goals and progress, response, measures, narrative, next steps, follow-up, privacy label), so a clinician sees it in any EHR. Compatible with US Core DocumentReference (status, type, category clinical-note, subject, date, author, content.attachment with contentType and data, context.encounter, context.period) without depending on the US Core package. Its identifier (PeerBridge resource key: draft id and revision) makes retries idempotent; an amendment is a new note whose relatesTo replaces the earlier one.',
  elements: [
    el('DocumentReference', {
      constraint: [
        invariant(
          'psn-1',
          'category is US Core clinical-note',
          `category.coding.where(system = '${US_CORE_NOTE_CATEGORY}' and code = 'clinical-note').exists()`,
        ),
        invariant(
          'psn-2',
          'exactly one attachment, plain text carried inline',
          "content.count() = 1 and content.attachment.contentType.startsWith('text/plain') and content.attachment.data.exists()",
        ),
        invariant(
          'psn-3',
          'an amendment replaces the earlier note',
          "relatesTo.empty() or relatesTo.all(code = 'replaces')",
        ),
      ],
    }),
    mustSupport('DocumentReference.meta'),
    mustSupport('DocumentReference.meta.profile'),
    mustSupport('DocumentReference.meta.security', {
      short:
        'Sensitivity labels when the note is sensitive; the text says them too (some EHRs drop meta.security)',
    }),
    mustSupport('DocumentReference.identifier', {
      min: 1,
      short: 'PeerBridge resource key <draft id>:note:<revision>, for idempotent retries',
    }),
    mustSupport('DocumentReference.status', { short: 'current; superseded or entered-in-error later' }),
    mustSupport('DocumentReference.docStatus', { short: 'final when signed, preliminary for a saved draft' }),
    mustSupport('DocumentReference.type', {
      min: 1,
      short: 'LOINC 11506-3 Progress note unless the site configures its own note type',
      binding: {
        strength: 'extensible',
        valueSet: valueSetUrl('peer-note-types'),
        description: 'A LOINC note type; a site may use its own',
      },
    }),
    mustSupport('DocumentReference.category', {
      min: 1,
      binding: required(valueSetUrl('peer-note-categories'), 'US Core clinical-note'),
    }),
    mustSupport('DocumentReference.subject', { min: 1, type: ref('Patient') }),
    mustSupport('DocumentReference.date', { min: 1 }),
    mustSupport('DocumentReference.author', {
      min: 1,
      type: ref('Practitioner'),
      short: 'The signed-in practitioner (Oracle Health requires the note author to be that user)',
    }),
    mustSupport('DocumentReference.relatesTo'),
    mustSupport('DocumentReference.content', { max: '1' }),
    mustSupport('DocumentReference.content.attachment.contentType', { min: 1 }),
    mustSupport('DocumentReference.content.attachment.data', { min: 1 }),
    mustSupport('DocumentReference.context.encounter', {
      type: ref('Encounter'),
      short: 'The encounter the EHR launched PeerBridge in, when there is one',
    }),
    mustSupport('DocumentReference.context.period', { short: 'When the contact happened' }),
  ],
});
