/** Billing codes and modifiers: H0038, the group and programme modifiers, and the telehealth ones. */
import { billingCodes, billingModifiers, contactModes } from './fhir-profiles';
import { codingOf, type KnownCoding } from './codes-lookup';
import { AUDIO_ONLY_MODIFIER_CODES, TELEHEALTH_MODIFIER_CODES, type ProgramKind } from './codes-program';

export const BILLING = {
  peerServices: codingOf(billingCodes, 'H0038'),
  groupModifier: codingOf(billingModifiers, 'HQ'),
} as const;

/** HCPCS HF substance abuse, HE mental health, HH integrated mental health/substance abuse programme. */
export const PROGRAM_MODIFIER: Readonly<Record<ProgramKind, KnownCoding>> = {
  'substance-use': codingOf(billingModifiers, 'HF'),
  'mental-health': codingOf(billingModifiers, 'HE'),
  'co-occurring': codingOf(billingModifiers, 'HH'),
};

/** Modifiers a payer may want on a video contact, by code: CPT 95 (the default) or HCPCS GT. */
export const TELEHEALTH_MODIFIERS: ReadonlyMap<string, KnownCoding> = new Map(
  TELEHEALTH_MODIFIER_CODES.map((code) => [code, codingOf(billingModifiers, code)]),
);
export const DEFAULT_TELEHEALTH_MODIFIER = codingOf(billingModifiers, '95');
/** Modifiers a payer may want on a phone contact: CPT 93 or HCPCS FQ, only where the site names one. */
export const AUDIO_ONLY_MODIFIERS: ReadonlyMap<string, KnownCoding> = new Map(
  AUDIO_ONLY_MODIFIER_CODES.map((code) => [code, codingOf(billingModifiers, code)]),
);
const PHONE = codingOf(contactModes, 'phone').code;
/** Whether a contact was real-time audio only, which 93/FQ describe (a text chat is neither). */
export function isAudioOnlyContact(contactMode: string): boolean {
  return contactMode === PHONE;
}
const VIDEO = codingOf(contactModes, 'video').code;
/** Whether a contact mode is the real-time audio-and-video one that 95/GT describe (not phone or text). */
export function isVideoContact(contactMode: string): boolean {
  return contactMode === VIDEO;
}
