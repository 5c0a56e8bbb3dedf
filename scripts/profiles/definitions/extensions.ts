import type { StructureDefinition } from 'fhir/r4';
import { profileUrl, valueSetUrl } from './canonical';
import { el, profile } from './elements';

interface CodingExtensionSpec {
  readonly id: string;
  readonly name: string;
  readonly title: string;
  readonly description: string;
  /** Where the extension may appear (an element path). */
  readonly context: string;
  readonly valueSet: string;
  readonly strength: 'required' | 'extensible';
}

/** Each of our extensions is a single Coding from one of our ValueSets, so they share one shape. */
function codingExtension(spec: CodingExtensionSpec): StructureDefinition {
  return profile({
    id: spec.id,
    name: spec.name,
    title: spec.title,
    description: spec.description,
    type: 'Extension',
    kind: 'complex-type',
    context: [{ type: 'element', expression: spec.context }],
    elements: [
      el('Extension', { short: spec.title, definition: spec.description }),
      el('Extension.extension', { max: '0' }),
      el('Extension.url', { fixedUri: profileUrl(spec.id) }),
      el('Extension.value[x]', {
        min: 1,
        type: [{ code: 'Coding' }],
        binding: {
          strength: spec.strength,
          valueSet: valueSetUrl(spec.valueSet),
          description: spec.title,
        },
      }),
    ],
  });
}

export const contactModeExtension = codingExtension({
  id: 'contact-mode',
  name: 'ContactMode',
  title: 'Contact mode',
  description:
    'How the peer and the person were in contact: in person, by phone, by video or by text. Encounter.class alone cannot say this (video, phone and text are all VR).',
  context: 'Encounter',
  valueSet: 'contact-mode',
  strength: 'required',
});

export const sessionFormatExtension = codingExtension({
  id: 'session-format',
  name: 'SessionFormat',
  title: 'Session format',
  description: 'Whether the peer support was given to one person (individual) or in a group.',
  context: 'Encounter',
  valueSet: 'session-format',
  strength: 'required',
});

export const peerSettingExtension = codingExtension({
  id: 'peer-setting',
  name: 'PeerSetting',
  title: 'Peer support setting',
  description:
    'Where an in-person contact took place (clinic, community, home, emergency department, hospital, shelter, jail, school, other), in words peers use.',
  context: 'Encounter',
  valueSet: 'peer-setting',
  strength: 'required',
});

export const billingModifierExtension = codingExtension({
  id: 'billing-modifier',
  name: 'BillingModifier',
  title: 'Billing modifier',
  description:
    'A modifier on the billing code it modifies: HQ for group work, HE, HF or HH for the kind of programme the site configured (not for a note’s privacy label), 95 (CPT) or GT (HCPCS) for a video contact as the payer asks. A modifier is not a second coding of the same concept, so it rides on the CodeableConcept of the billing code. Extensible: payers define further modifiers.',
  context: 'Encounter.type',
  valueSet: 'peer-billing-modifiers',
  strength: 'extensible',
});

export const placeOfServiceExtension = codingExtension({
  id: 'place-of-service',
  name: 'PlaceOfService',
  title: 'Place of service',
  description:
    'The CMS place of service the billing code is claimed with (as Claim.item.locationCodeableConcept would carry it), derived from the contact mode and setting: 02 or 10 for telecommunication, 12 home, the programme’s clinic place (11 office by default), 23, 21, 04, 09, 03 or 99 elsewhere. It rides on the billing CodeableConcept because it belongs to the claim line, not to the Encounter’s own location.',
  context: 'Encounter.type',
  valueSet: 'peer-places-of-service',
  strength: 'extensible',
});

/**
 * The peer's next planned contact, as a date on the Encounter of the contact it was planned at.
 * Not an Appointment: peers plan loosely ("see her Thursday"), often outside any scheduling system,
 * and vendors that take anything from apps take a clinical note, not an Appointment; the date is in
 * the note's text too. The caseload reads it back from the latest contact.
 */
export const nextContactExtension = profile({
  id: 'next-contact',
  name: 'NextContact',
  title: 'Next planned contact',
  description:
    'The date the peer plans to be in contact with the person next, set in the note of this contact. A plan, not an appointment: nothing is booked.',
  type: 'Extension',
  kind: 'complex-type',
  context: [{ type: 'element', expression: 'Encounter' }],
  elements: [
    el('Extension', {
      short: 'Next planned contact',
      definition:
        'The date the peer plans to be in contact with the person next, set in the note of this contact. A plan, not an appointment: nothing is booked.',
    }),
    el('Extension.extension', { max: '0' }),
    el('Extension.url', { fixedUri: profileUrl('next-contact') }),
    el('Extension.value[x]', { min: 1, type: [{ code: 'date' }] }),
  ],
});

export const EXTENSIONS: readonly StructureDefinition[] = [
  contactModeExtension,
  sessionFormatExtension,
  peerSettingExtension,
  billingModifierExtension,
  placeOfServiceExtension,
  nextContactExtension,
];
