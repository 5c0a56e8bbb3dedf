import { codeSystemUrl } from './canonical';
import { el, invariant, mustSupport, ref } from './elements';
import { profile } from './elements';

const CATEGORY = codeSystemUrl('peer-support-category');

/**
 * A supervisor returns a peer note with a comment. A Communication, not a Task: it is a message for
 * the peer to read (their caseload shows it), it needs no workflow state, and it is the one of the
 * two that Oracle Health lets an app create (Communication to a Practitioner; Task is not offered).
 */
export const peerNoteReturn = profile({
  id: 'peer-note-return',
  name: 'PeerNoteReturn',
  title: 'Peer note returned for changes',
  type: 'Communication',
  kind: 'resource',
  description:
    'A supervisor returns a peer support note to the peer who wrote it: a completed Communication from the supervisor to the peer, about the note (its Encounter and, where it exists, its clinical note), with the comment as text. Category PeerBridge note-returned (plus communication-category notification, which Oracle Health requires). The note itself is not changed: the peer amends it.',
  elements: [
    el('Communication', {
      constraint: [
        invariant(
          'pnr-1',
          'the category says this is a returned note (peer-support-category#note-returned)',
          `category.coding.where(system = '${CATEGORY}' and code = 'note-returned').exists()`,
        ),
        invariant('pnr-2', 'the comment is given as text', `payload.content.ofType(string).exists()`),
      ],
    }),
    mustSupport('Communication.meta'),
    mustSupport('Communication.meta.profile'),
    mustSupport('Communication.identifier', { min: 1, short: 'PeerBridge resource key: the retry finds it' }),
    mustSupport('Communication.status', { fixedCode: 'completed' }),
    mustSupport('Communication.category', { min: 1 }),
    mustSupport('Communication.subject', { min: 1, type: ref('Patient') }),
    mustSupport('Communication.encounter', { min: 1, type: ref('Encounter'), short: 'The returned note' }),
    mustSupport('Communication.about', { short: 'The clinical note (DocumentReference), where it exists' }),
    mustSupport('Communication.sent', { min: 1 }),
    mustSupport('Communication.recipient', {
      min: 1,
      max: '1',
      type: ref('Practitioner', 'PractitionerRole'),
      short: 'The peer who wrote the note',
    }),
    mustSupport('Communication.sender', { min: 1, type: ref('Practitioner', 'PractitionerRole') }),
    mustSupport('Communication.payload', { min: 1 }),
  ],
});
