import type { Communication, DocumentReference, Encounter, Observation, Provenance } from 'fhir/r4';

/** Synthetic writes shaped as the vendor pages ask, for the personality tests; each test breaks one rule. */

export function vitalSign(patientId: string, performerId = 'pr-rivera'): Observation {
  return {
    resourceType: 'Observation',
    status: 'final',
    category: [
      {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' },
        ],
      },
    ],
    code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] },
    subject: { reference: `Patient/${patientId}` },
    effectiveDateTime: '2025-04-01T09:00:00Z',
    performer: [{ reference: `Practitioner/${performerId}` }],
    valueQuantity: { value: 72, unit: '/min', system: 'http://unitsofmeasure.org', code: '/min' },
  };
}

export function clinicalNote(
  patientId: string,
  authorId: string,
  docStatus: 'final' | 'preliminary',
): DocumentReference {
  return {
    resourceType: 'DocumentReference',
    status: 'current',
    docStatus,
    type: { coding: [{ system: 'http://loinc.org', code: '11506-3' }] },
    subject: { reference: `Patient/${patientId}` },
    author: [{ reference: `Practitioner/${authorId}` }],
    content: [
      {
        attachment: {
          contentType: 'text/plain;charset=utf-8',
          data: Buffer.from('Peer support contact, 30 minutes.').toString('base64'),
        },
      },
    ],
    context: { period: { start: '2025-04-01T09:00:00Z', end: '2025-04-01T09:30:00Z' } },
  };
}

export function oracleEncounter(patientId: string, practitionerId: string): Encounter {
  return {
    resourceType: 'Encounter',
    status: 'finished',
    type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0004', code: 'O' }] }],
    subject: { reference: `Patient/${patientId}` },
    participant: [
      {
        type: [
          {
            coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'ATND' }],
          },
        ],
        individual: { reference: `Practitioner/${practitionerId}` },
      },
    ],
    period: { start: '2025-04-01T09:00:00Z', end: '2025-04-01T09:30:00Z' },
    serviceProvider: { reference: 'Organization/org-clinic' },
  } as Encounter;
}

export function notification(patientId: string, fromId: string, toId: string): Communication {
  return {
    resourceType: 'Communication',
    status: 'completed',
    category: [
      {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/communication-category', code: 'notification' },
        ],
      },
    ],
    subject: { reference: `Patient/${patientId}` },
    recipient: [{ reference: `Practitioner/${toId}` }],
    sender: { reference: `Practitioner/${fromId}` },
    payload: [
      {
        contentAttachment: {
          contentType: 'text/plain',
          data: Buffer.from('Please review the peer note.').toString('base64'),
        },
      },
    ],
  };
}

export function provenanceOf(targets: string[], practitionerId: string): Provenance {
  return {
    resourceType: 'Provenance',
    target: targets.map((reference) => ({ reference })),
    recorded: '2025-04-01T09:30:00Z',
    agent: [{ who: { reference: `Practitioner/${practitionerId}` } }],
  };
}
