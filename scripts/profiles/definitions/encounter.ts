import { HL7, codeSystemUrl, valueSetUrl } from './canonical';
import {
  codingPattern,
  el,
  extensionSlice,
  invariant,
  mustSupport,
  profile,
  ref,
  required,
  slicedByPattern,
  slicedByUrl,
} from './elements';

const CATEGORY = codeSystemUrl('peer-support-category');

export const peerSupportEncounter = profile({
  id: 'peer-support-encounter',
  name: 'PeerSupportEncounter',
  title: 'Peer support encounter',
  type: 'Encounter',
  kind: 'resource',
  description:
    'One contact between a peer support worker and one person, as PeerBridge writes it. Compatible with US Core Encounter (status, class, type and subject are present and must-support; type is sliced, not replaced) without depending on the US Core package. A group session Encounter (type peer-group-session, no subject) is the partOf target of each participant’s encounter and does not claim this profile.',
  elements: [
    el('Encounter', {
      constraint: [
        invariant(
          'pse-1',
          'type has the peer-support-service coding',
          `type.coding.where(system = '${CATEGORY}' and code = 'peer-support-service').exists()`,
        ),
        invariant(
          'pse-2',
          'period.end >= period.start',
          'period.start.empty() or period.end.empty() or period.end >= period.start',
        ),
        invariant(
          'pse-3',
          'length is in minutes (UCUM min)',
          `length.empty() or (length.system = '${HL7.ucum}' and length.code = 'min')`,
        ),
        invariant(
          'pse-4',
          'status is in-progress, finished or entered-in-error',
          "status = 'in-progress' or status = 'finished' or status = 'entered-in-error'",
        ),
        invariant(
          'pse-5',
          'a participant is the primary performer (PPRF)',
          `participant.type.coding.where(system = '${HL7.participationType}' and code = 'PPRF').exists()`,
        ),
      ],
    }),
    mustSupport('Encounter.meta'),
    mustSupport('Encounter.meta.profile'),
    mustSupport('Encounter.meta.security', {
      short: 'Sensitivity labels (R, BH; R, SUD, 42CFRPart2, NORDSCLCD) when the note is sensitive',
    }),
    slicedByUrl('Encounter.extension'),
    ...extensionSlice(
      'Encounter.extension:contactMode',
      'contact-mode',
      1,
      'In person, phone, video or text',
    ),
    ...extensionSlice('Encounter.extension:sessionFormat', 'session-format', 1, 'Individual or group'),
    ...extensionSlice(
      'Encounter.extension:peerSetting',
      'peer-setting',
      0,
      'Where an in-person contact took place',
    ),
    ...extensionSlice(
      'Encounter.extension:nextContact',
      'next-contact',
      0,
      'The next planned contact (a date)',
    ),
    mustSupport('Encounter.identifier', { min: 1, short: 'PeerBridge resource key (idempotent writes)' }),
    mustSupport('Encounter.status'),
    mustSupport('Encounter.class', {
      binding: required(valueSetUrl('peer-encounter-classes'), 'AMB, HH, FLD or VR'),
    }),
    slicedByPattern('Encounter.type', { min: 1 }),
    mustSupport('Encounter.type:peerService', {
      sliceName: 'peerService',
      min: 1,
      max: '1',
      patternCodeableConcept: codingPattern(CATEGORY, 'peer-support-service'),
    }),
    mustSupport('Encounter.type:billing', {
      sliceName: 'billing',
      short: 'HCPCS H0038, with any modifier as an extension',
      min: 0,
      max: '1',
      patternCodeableConcept: codingPattern(HL7.hcpcs, 'H0038'),
    }),
    slicedByUrl('Encounter.type:billing.extension'),
    ...extensionSlice(
      'Encounter.type:billing.extension:modifier',
      'billing-modifier',
      0,
      'HQ group; HE, HF or HH from the programme; 95 or GT for video',
      '*',
    ),
    ...extensionSlice(
      'Encounter.type:billing.extension:placeOfService',
      'place-of-service',
      0,
      'CMS place of service, from contact mode and setting',
    ),
    mustSupport('Encounter.subject', { min: 1, type: ref('Patient') }),
    mustSupport('Encounter.participant', { min: 1 }),
    mustSupport('Encounter.participant.type'),
    mustSupport('Encounter.participant.individual', {
      min: 1,
      type: ref('PractitionerRole', 'Practitioner'),
    }),
    mustSupport('Encounter.period', { min: 1 }),
    mustSupport('Encounter.period.start', { min: 1 }),
    mustSupport('Encounter.period.end'),
    mustSupport('Encounter.length'),
    mustSupport('Encounter.serviceProvider'),
    mustSupport('Encounter.partOf', { short: 'The group session Encounter, for group work' }),
  ],
});
