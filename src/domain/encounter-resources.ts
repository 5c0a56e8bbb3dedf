/** The PeerSupportEncounter and the shared group session Encounter (docs/fhir-model.md). */
import type { CodeableConcept, Encounter, Extension, Reference } from 'fhir/r4';
import {
  BILLING,
  CATEGORY,
  encounterClassFor,
  EXTENSION,
  PRIMARY_PERFORMER,
  PROFILE,
  SESSION_FORMAT,
  UCUM_MINUTE,
} from './codes';
import { addMinutesToDateTime } from './date-time';
import { contactModeCoding, settingCoding } from './draft-codings';
import type { MappingContext } from './mapping-context';
import { keyIdentifier } from './resource-keys';

function billingType(m: MappingContext): CodeableConcept {
  const modifiers: Extension[] = [];
  if (m.draft.format === 'group') {
    modifiers.push({ url: EXTENSION.billingModifier, valueCoding: BILLING.groupModifier });
  }
  if (m.draft.sensitivity === 'part2') {
    modifiers.push({ url: EXTENSION.billingModifier, valueCoding: BILLING.substanceUseModifier });
  }
  return modifiers.length > 0
    ? { extension: modifiers, coding: [BILLING.peerServices] }
    : { coding: [BILLING.peerServices] };
}

/** Fields the person's Encounter and the group session share. */
function encounterBody(m: MappingContext, key: string, status: Encounter['status']): Encounter {
  const { draft } = m;
  const extension: Extension[] = [
    { url: EXTENSION.contactMode, valueCoding: contactModeCoding(draft.contactMode) },
    { url: EXTENSION.sessionFormat, valueCoding: SESSION_FORMAT[draft.format] },
  ];
  if (draft.setting) {
    extension.push({ url: EXTENSION.setting, valueCoding: settingCoding(draft.setting) });
  }
  const end = addMinutesToDateTime(draft.start, draft.durationMinutes);
  const encounter: Encounter = {
    resourceType: 'Encounter',
    extension,
    identifier: [keyIdentifier(key)],
    status,
    class: encounterClassFor(draft.contactMode, draft.setting),
    participant: [{ type: [{ coding: [PRIMARY_PERFORMER] }], individual: m.author() }],
    period: end ? { start: draft.start, end } : { start: draft.start },
    length: {
      value: draft.durationMinutes,
      unit: UCUM_MINUTE.code,
      system: UCUM_MINUTE.system,
      code: UCUM_MINUTE.code,
    },
  };
  if (m.context.organization) {
    encounter.serviceProvider = { reference: m.context.organization };
  }
  return encounter;
}

export function buildPeerEncounter(m: MappingContext, key: string, partOf: Reference | undefined): Encounter {
  const encounter = encounterBody(m, key, m.statuses.encounter);
  const meta = m.meta(PROFILE.encounter);
  if (meta) {
    encounter.meta = meta;
  }
  encounter.type = [{ coding: [CATEGORY.peerSupportService] }, billingType(m)];
  encounter.subject = { reference: m.patient };
  // The person's own plan: the shared group session Encounter carries none.
  if (m.draft.nextContact) {
    encounter.extension = [
      ...(encounter.extension ?? []),
      { url: EXTENSION.nextContact, valueDate: m.draft.nextContact },
    ];
  }
  if (partOf) {
    encounter.partOf = partOf;
  }
  return encounter;
}

/**
 * The session every participant's Encounter is part of. It names no person and carries no person's
 * labels or billing: it is shared, and created only by whichever participant's save comes first.
 */
export function buildGroupSessionEncounter(m: MappingContext, key: string): Encounter {
  const encounter = encounterBody(m, key, m.statuses.encounter);
  encounter.type = [{ coding: [CATEGORY.peerGroupSession] }];
  return encounter;
}
