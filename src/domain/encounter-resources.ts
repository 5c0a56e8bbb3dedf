/** The PeerSupportEncounter and the shared group session Encounter (docs/fhir-model.md). */
import type { CodeableConcept, Coding, Encounter, Extension, Reference } from 'fhir/r4';
import {
  BILLING,
  CATEGORY,
  CLINIC_PLACES_OF_SERVICE,
  AUDIO_ONLY_MODIFIERS,
  DEFAULT_TELEHEALTH_MODIFIER,
  encounterClassFor,
  EXTENSION,
  isAudioOnlyContact,
  isVideoContact,
  placeOfServiceFor,
  PRIMARY_PERFORMER,
  PROFILE,
  PROGRAM_MODIFIER,
  SESSION_FORMAT,
  TELEHEALTH_MODIFIERS,
  UCUM_MINUTE,
} from './codes';
import { addMinutesToDateTime } from './date-time';
import { contactModeCoding, settingCoding } from './draft-codings';
import type { MappingContext } from './mapping-context';
import { keyIdentifier } from './resource-keys';

/**
 * H0038 with its modifiers and place of service (docs/fhir-model.md): HQ for group work, the
 * programme's HE/HF/HH from the site's configuration (never from a note's privacy label), 95 or GT
 * for a video contact, 93 or FQ for a phone contact where the site names one, and the CMS place of
 * service from mode and setting.
 */
function billingType(m: MappingContext): CodeableConcept {
  const { draft } = m;
  const program = m.context.program;
  const modifiers: Coding[] = [];
  if (draft.format === 'group') {
    modifiers.push(BILLING.groupModifier);
  }
  if (program) {
    modifiers.push(PROGRAM_MODIFIER[program.kind]);
  }
  if (isVideoContact(draft.contactMode)) {
    const configured = program?.telehealthModifier;
    modifiers.push((configured && TELEHEALTH_MODIFIERS.get(configured)) || DEFAULT_TELEHEALTH_MODIFIER);
  }
  const audioOnly = program?.audioOnlyModifier && AUDIO_ONLY_MODIFIERS.get(program.audioOnlyModifier);
  if (audioOnly && isAudioOnlyContact(draft.contactMode)) {
    modifiers.push(audioOnly);
  }
  const clinic = program?.clinicPlaceOfService;
  const place = placeOfServiceFor(
    draft.contactMode,
    draft.setting,
    clinic ? CLINIC_PLACES_OF_SERVICE.get(clinic) : undefined,
  );
  const extension: Extension[] = modifiers.map((valueCoding) => ({
    url: EXTENSION.billingModifier,
    valueCoding,
  }));
  if (place) {
    extension.push({ url: EXTENSION.placeOfService, valueCoding: place });
  }
  return extension.length > 0
    ? { extension, coding: [BILLING.peerServices] }
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
 * labels or billing: it is shared, and created only by whichever participant's save comes first. It
 * does carry the programme's labels: a session of a Part 2 programme is a Part 2 record whoever saves
 * first, and whatever label one participant's note adds.
 */
export function buildGroupSessionEncounter(m: MappingContext, key: string): Encounter {
  const encounter = encounterBody(m, key, m.statuses.encounter);
  encounter.type = [{ coding: [CATEGORY.peerGroupSession] }];
  if (m.programLabels.length > 0) {
    encounter.meta = { security: m.programLabels.slice() };
  }
  return encounter;
}
