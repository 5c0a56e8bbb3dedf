/**
 * The programme settings' codes as plain strings, for the runtime config's checks: the launch page
 * validates peerbridge.config.json and must not carry the code tables built from fhir-profiles
 * (codes-billing.ts and codes-encounter.ts look each of these up there, so a code missing from the
 * package still fails as the module loads).
 */

/** The kind of programme a site runs (runtime config `program.kind`); it, not a note, decides HE/HF/HH. */
export type ProgramKind = 'substance-use' | 'mental-health' | 'co-occurring';
export const PROGRAM_KINDS: readonly ProgramKind[] = ['substance-use', 'mental-health', 'co-occurring'];

/** Modifiers a payer may want on a video contact: CPT 95 (the default) or HCPCS GT. */
export const TELEHEALTH_MODIFIER_CODES: readonly string[] = ['95', 'GT'];

/** Modifiers a payer may want on a phone (audio-only) contact: CPT 93 or HCPCS FQ; none unless configured. */
export const AUDIO_ONLY_MODIFIER_CODES: readonly string[] = ['93', 'FQ'];

/** CMS places of service a site may name for its clinic (runtime config `program.clinicPlaceOfService`). */
export const CLINIC_PLACE_OF_SERVICE_CODES: readonly string[] = ['11', '49', '50', '53', '57', '58'];
