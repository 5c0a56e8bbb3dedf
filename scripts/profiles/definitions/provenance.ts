import { HL7 } from './canonical';
import { el, invariant, mustSupport, profile, ref } from './elements';

export const peerProvenance = profile({
  id: 'peer-provenance',
  name: 'PeerProvenance',
  title: 'Peer support provenance',
  type: 'Provenance',
  kind: 'resource',
  description:
    'Who wrote a peer support record and when: one Provenance per save, targeting every resource the save wrote, with the peer as author on behalf of the organisation. Activity CREATE for the first write, UPDATE for an amendment or a later save of a draft, NULLIFY when entered in error.',
  elements: [
    el('Provenance', {
      constraint: [
        invariant(
          'ppr-1',
          'activity is v3-DataOperation CREATE, UPDATE or NULLIFY',
          `activity.coding.where(system = '${HL7.dataOperation}' and (code = 'CREATE' or code = 'UPDATE' or code = 'NULLIFY')).exists()`,
        ),
        invariant(
          'ppr-2',
          'an agent is the author (provenance-participant-type#author)',
          `agent.type.coding.where(system = '${HL7.provenanceParticipantType}' and code = 'author').exists()`,
        ),
      ],
    }),
    mustSupport('Provenance.meta'),
    mustSupport('Provenance.meta.profile'),
    mustSupport('Provenance.target', { short: 'Every resource written by the save' }),
    mustSupport('Provenance.recorded'),
    mustSupport('Provenance.reason', { short: 'The amendment or entered-in-error reason, as text' }),
    mustSupport('Provenance.activity', { min: 1 }),
    // Not sliced by type: Provenance.entity.agent reuses this definition (contentReference), and
    // @medplum/core cannot parse a slice reached that way. An invariant says the same thing.
    mustSupport('Provenance.agent'),
    mustSupport('Provenance.agent.type', { min: 1 }),
    mustSupport('Provenance.agent.who', { type: ref('PractitionerRole', 'Practitioner') }),
    mustSupport('Provenance.agent.onBehalfOf', { type: ref('Organization') }),
  ],
});

/**
 * A supervisor's co-signature. Its own profile because peer-provenance requires an author agent: a
 * co-signature adds a verifier to a note the peer wrote, and never changes the note's resources.
 */
export const peerCosignProvenance = profile({
  id: 'peer-cosign-provenance',
  name: 'PeerCosignProvenance',
  title: 'Peer note co-signature',
  type: 'Provenance',
  kind: 'resource',
  description:
    'A supervisor co-signs a peer support note: one Provenance targeting the resources the peer wrote (the Encounter, its Observations, the clinical note), with the supervisor as verifier (provenance-participant-type#verifier) and activity v3-ParticipationType#VRF (verifier), a code of the R4 Provenance activity value set. The note resources themselves are not changed.',
  elements: [
    el('Provenance', {
      constraint: [
        invariant(
          'pcs-1',
          'activity is v3-ParticipationType VRF (verifier)',
          `activity.coding.where(system = '${HL7.participationType}' and code = 'VRF').exists()`,
        ),
        invariant(
          'pcs-2',
          'an agent is the verifier (provenance-participant-type#verifier)',
          `agent.type.coding.where(system = '${HL7.provenanceParticipantType}' and code = 'verifier').exists()`,
        ),
        invariant(
          'pcs-3',
          'no agent is an author: a co-signature does not claim the peer’s words',
          `agent.type.coding.where(system = '${HL7.provenanceParticipantType}' and code = 'author').empty()`,
        ),
      ],
    }),
    mustSupport('Provenance.meta'),
    mustSupport('Provenance.meta.profile'),
    mustSupport('Provenance.target', { short: 'The resources of the peer note being co-signed' }),
    mustSupport('Provenance.recorded'),
    mustSupport('Provenance.activity', { min: 1 }),
    mustSupport('Provenance.agent'),
    mustSupport('Provenance.agent.type', { min: 1 }),
    mustSupport('Provenance.agent.who', { type: ref('PractitionerRole', 'Practitioner') }),
    mustSupport('Provenance.agent.onBehalfOf', { type: ref('Organization') }),
  ],
});
