import type { Coding, Provenance, Reference } from 'fhir/r4';
import { HL7, profileUrl } from '../definitions/canonical';
import { AUTHOR, DRAFT_ID, NOW, ORGANIZATION, RESOURCE_KEY_SYSTEM } from './context';

/**
 * R4 Provenance has no `identifier`, so its resource key rides in `meta.tag` (same system) and the
 * conditional create searches `_tag`; see the package README note on this deviation.
 */
export const provenanceKeyTag = (revision: number): Coding => ({
  system: RESOURCE_KEY_SYSTEM,
  code: `${DRAFT_ID}:provenance:${revision}`,
});

export function peerProvenance(targets: Reference[], id?: string): Provenance {
  return {
    resourceType: 'Provenance',
    ...(id ? { id } : {}),
    meta: { profile: [profileUrl('peer-provenance')], tag: [provenanceKeyTag(1)] },
    target: targets,
    recorded: NOW,
    activity: { coding: [{ system: HL7.dataOperation, code: 'CREATE', display: 'create' }] },
    agent: [
      {
        type: { coding: [{ system: HL7.provenanceParticipantType, code: 'author', display: 'Author' }] },
        who: AUTHOR,
        onBehalfOf: ORGANIZATION,
      },
    ],
  };
}

/** The supervisor of the example (the sandbox seed's peer support supervisor). */
export const SUPERVISOR: Reference = {
  reference: 'PractitionerRole/role-riley-santos',
  display: 'Riley Santos',
};
/** A day after the note was signed. */
export const REVIEWED_AT = '2026-03-10T15:30:00Z';

export function peerCosignProvenance(targets: Reference[], id?: string): Provenance {
  return {
    resourceType: 'Provenance',
    ...(id ? { id } : {}),
    meta: {
      profile: [profileUrl('peer-cosign-provenance')],
      tag: [{ system: RESOURCE_KEY_SYSTEM, code: `${DRAFT_ID}:cosign:1` }],
    },
    target: targets,
    recorded: REVIEWED_AT,
    activity: { coding: [{ system: HL7.participationType, code: 'VRF', display: 'verifier' }] },
    agent: [
      {
        type: { coding: [{ system: HL7.provenanceParticipantType, code: 'verifier', display: 'Verifier' }] },
        who: SUPERVISOR,
        onBehalfOf: ORGANIZATION,
      },
    ],
  };
}
