import type { DocumentReference } from 'fhir/r4';
import {
  AUTHOR_PRACTITIONER,
  DRAFT_ID,
  END,
  NOW,
  PATIENT,
  RESOURCE_KEY_SYSTEM,
  START,
  metaFor,
} from './context';

/** The example contact as PeerBridge renders it (src/domain/clinical-note-text.ts). */
const TEXT = [
  'Peer support note (written with PeerBridge)',
  'Status: Signed',
  'When: 2026-03-09 14:00 (UTC-05:00)',
  'Duration: 45 minutes (billing: 3 units of H0038)',
  'Mode: Video',
  'Format: Individual',
  'Activities: Building relationships and community connection',
  'Goal: Get back to my Sunday choir',
  '  Progress: Improving',
  '  Goal record: Goal/goal-maria-santos-choir',
  'Narrative: Talked through the first choir rehearsal. Maria wants to go again next week.',
  'Privacy: Restricted — behavioural health: share only as your organisation’s policy allows',
].join('\n');

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

export function peerSupportNote(id?: string): DocumentReference {
  return {
    resourceType: 'DocumentReference',
    ...(id ? { id } : {}),
    meta: metaFor('peer-support-note'),
    identifier: [{ system: RESOURCE_KEY_SYSTEM, value: `${DRAFT_ID}:note:1` }],
    status: 'current',
    docStatus: 'final',
    type: {
      coding: [{ system: 'http://loinc.org', code: '11506-3', display: 'Progress note' }],
      text: 'Progress note',
    },
    category: [
      {
        coding: [
          {
            system: 'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category',
            code: 'clinical-note',
            display: 'Clinical Note',
          },
        ],
      },
    ],
    subject: PATIENT,
    date: NOW,
    author: [AUTHOR_PRACTITIONER],
    description: 'Peer support note (written with PeerBridge)',
    content: [
      {
        attachment: {
          contentType: 'text/plain; charset=utf-8',
          language: 'en',
          data: base64(TEXT),
          title: 'Peer support note (written with PeerBridge)',
          creation: NOW,
        },
      },
    ],
    context: {
      encounter: [{ reference: 'Encounter/enc-maria-santos-clinic-visit' }],
      period: { start: START, end: END },
    },
  };
}
