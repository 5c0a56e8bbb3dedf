import type { Communication, Reference } from 'fhir/r4';
import { profileUrl } from '../definitions/canonical';
import { AUTHOR, DRAFT_ID, PATIENT, RESOURCE_KEY_SYSTEM, ours } from './context';
import { REVIEWED_AT, SUPERVISOR } from './provenance';

/** The supervisor returns the example note to Alex Rivera with a comment. */
export function peerNoteReturn(encounter: Reference, note: Reference, id?: string): Communication {
  return {
    resourceType: 'Communication',
    ...(id ? { id } : {}),
    meta: { profile: [profileUrl('peer-note-return')] },
    identifier: [{ system: RESOURCE_KEY_SYSTEM, value: `${DRAFT_ID}:return:1` }],
    status: 'completed',
    category: [
      {
        coding: [
          ours('peer-support-category', 'note-returned'),
          {
            system: 'http://terminology.hl7.org/CodeSystem/communication-category',
            code: 'notification',
            display: 'Notification',
          },
        ],
      },
    ],
    subject: PATIENT,
    encounter,
    about: [note],
    sent: REVIEWED_AT,
    recipient: [AUTHOR],
    sender: SUPERVISOR,
    payload: [{ contentString: 'Please add how Maria felt about the choir rehearsal, in her own words.' }],
  };
}
