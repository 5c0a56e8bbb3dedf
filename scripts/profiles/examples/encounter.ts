import type { Encounter } from 'fhir/r4';
import { HL7, profileUrl } from '../definitions/canonical';
import {
  AUTHOR,
  END,
  ORGANIZATION,
  PATIENT,
  RESOURCE_KEY_SYSTEM,
  START,
  metaFor,
  ours,
  resourceKey,
} from './context';

const CPT = 'http://www.ama-assn.org/go/cpt';
const POS = 'https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set';

function nextWeek(dateTime: string): string {
  return new Date(Date.parse(dateTime) + 7 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

export function peerSupportEncounter(id?: string): Encounter {
  return {
    resourceType: 'Encounter',
    ...(id ? { id } : {}),
    meta: metaFor('peer-support-encounter'),
    extension: [
      { url: profileUrl('contact-mode'), valueCoding: ours('contact-mode', 'video') },
      { url: profileUrl('session-format'), valueCoding: ours('session-format', 'individual') },
      // A week after the contact: the peer's plan, shown on their people list.
      { url: profileUrl('next-contact'), valueDate: nextWeek(START) },
    ],
    identifier: resourceKey('encounter'),
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'VR', display: 'virtual' },
    type: [
      { coding: [ours('peer-support-category', 'peer-support-service')] },
      {
        extension: [
          {
            url: profileUrl('billing-modifier'),
            valueCoding: {
              system: CPT,
              code: '95',
              display: 'Synchronous telemedicine, real-time audio and video',
            },
          },
          {
            url: profileUrl('place-of-service'),
            valueCoding: {
              system: POS,
              code: '02',
              display: "Telehealth Provided Other than in Patient's Home",
            },
          },
        ],
        coding: [{ system: HL7.hcpcs, code: 'H0038', display: 'Self-help/peer services, per 15 minutes' }],
      },
    ],
    subject: PATIENT,
    participant: [
      {
        type: [{ coding: [{ system: HL7.participationType, code: 'PPRF', display: 'primary performer' }] }],
        individual: AUTHOR,
      },
    ],
    period: { start: START, end: END },
    length: { value: 45, unit: 'min', system: HL7.ucum, code: 'min' },
    serviceProvider: ORGANIZATION,
  };
}

/**
 * Group work at the clinic of a federally assisted SUD programme (configured as such): every extension,
 * both billing modifiers (HQ group, HF substance abuse programme) and the place of service in one resource.
 */
export function groupParticipantEncounter(id: string): Encounter {
  return {
    resourceType: 'Encounter',
    id,
    meta: {
      profile: [profileUrl('peer-support-encounter')],
      security: [
        { system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' },
        { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'SUD' },
        { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: '42CFRPart2' },
        { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'NORDSCLCD' },
      ],
    },
    extension: [
      { url: profileUrl('contact-mode'), valueCoding: ours('contact-mode', 'in-person') },
      { url: profileUrl('session-format'), valueCoding: ours('session-format', 'group') },
      { url: profileUrl('peer-setting'), valueCoding: ours('peer-setting', 'clinic') },
    ],
    identifier: [{ system: RESOURCE_KEY_SYSTEM, value: '9b2d4f60-1e3a-4c5b-8d7e-0f1a2b3c4d5e:encounter' }],
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' },
    type: [
      { coding: [ours('peer-support-category', 'peer-support-service')] },
      {
        extension: [
          {
            url: profileUrl('billing-modifier'),
            valueCoding: { system: HL7.hcpcs, code: 'HQ', display: 'Group setting' },
          },
          {
            url: profileUrl('billing-modifier'),
            valueCoding: { system: HL7.hcpcs, code: 'HF', display: 'Substance abuse program' },
          },
          {
            url: profileUrl('place-of-service'),
            valueCoding: {
              system: POS,
              code: '57',
              display: 'Non-residential Substance Abuse Treatment Facility',
            },
          },
        ],
        coding: [{ system: HL7.hcpcs, code: 'H0038' }],
      },
    ],
    subject: { reference: 'Patient/pt-devon-walker', display: 'Devon Walker' },
    participant: [
      { type: [{ coding: [{ system: HL7.participationType, code: 'PPRF' }] }], individual: AUTHOR },
    ],
    period: { start: '2026-03-05T10:00:00-05:00', end: '2026-03-05T11:00:00-05:00' },
    length: { value: 60, unit: 'min', system: HL7.ucum, code: 'min' },
    serviceProvider: ORGANIZATION,
    partOf: { reference: 'Encounter/peer-group-session-example' },
  };
}
